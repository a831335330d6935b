import { SimContext } from '../context';
import { RequestContext } from '../http/request';
import { HttpReply, json, raw } from '../http/reply';
import { Router } from '../http/router';
import { CommitObject, FileMode } from '../store/objects';
import { normalizeFilePath, normalizeRepoPath } from '../store/paths';
import { RepositoryRecord } from '../store/records';
import { FileChange } from '../store/store';
import { listTree } from '../store/trees';
import {
  commitAt,
  contentLinks,
  findRepo,
  githubBase64,
  httpDate,
  wantsRaw,
} from './common';
import { fail, notFound } from './errors';
import { optionalString, requiredString } from './fields';
import { gitCommitJson } from './shapes';

const BASE64 = /^[A-Za-z0-9+/=\s]*$/;
const ONE_MB = 1024 * 1024;

function contentType(mode: string): 'file' | 'symlink' {
  return mode === '120000' ? 'symlink' : 'file';
}

function fileJson(
  sim: SimContext,
  repo: RepositoryRecord,
  path: string,
  ref: string,
  sha: string,
  mode: string,
  content: Buffer | undefined,
) {
  const type = contentType(mode);
  const size = sim.store.objects.getBlob(sha)?.length ?? 0;
  // Like GitHub, files over 1 MB come without content (encoding "none").
  const large = size > ONE_MB;
  return {
    type,
    ...(content && { encoding: large ? 'none' : 'base64' }),
    size,
    name: path.slice(path.lastIndexOf('/') + 1),
    path,
    ...(content && { content: large ? '' : githubBase64(content) }),
    sha,
    ...contentLinks(sim, repo, path, ref, type, sha),
  };
}

function readContents(
  sim: SimContext,
  ctx: RequestContext,
  rawPath: string,
): HttpReply {
  const repo = findRepo(sim, ctx);
  const path = normalizeRepoPath(rawPath);
  if (path === undefined) return notFound();
  const ref = ctx.query.get('ref') || repo.defaultBranch;
  const commit = commitAt(sim, repo, ref, () =>
    fail(404, `No commit found for the ref ${ref}`),
  );
  const found = sim.store.readPath(repo, commit.sha, path);
  if (!found) return notFound();
  const { entry } = found;
  if (entry.type === 'tree') {
    const items = listTree(sim.store.objects, entry.sha, false).map(item => {
      const full = path ? `${path}/${item.path}` : item.path;
      const type = item.type === 'tree' ? 'dir' : contentType(item.mode);
      return {
        type,
        size: item.size ?? 0,
        name: item.path,
        path: full,
        sha: item.sha,
        ...contentLinks(sim, repo, full, ref, type, item.sha),
      };
    });
    return json(200, items);
  }
  const content = sim.store.objects.getBlob(entry.sha) ?? Buffer.alloc(0);
  const lastModified = httpDate(commit.committer.date);
  if (wantsRaw(ctx)) {
    return raw(200, content, 'application/vnd.github.raw', {
      etag: `"${entry.sha}"`,
      'last-modified': lastModified,
    });
  }
  return json(
    200,
    fileJson(sim, repo, path, ref, entry.sha, entry.mode, content),
    { 'last-modified': lastModified },
  );
}

function branchHead(
  sim: SimContext,
  repo: RepositoryRecord,
  branch: string,
): CommitObject {
  const sha = sim.store.branchSha(repo, branch);
  if (!sha) return fail(404, `Branch ${branch} not found`);
  return sim.store.commit(sha)!;
}

/** PUT and DELETE contents: one-file commits on a branch. */
function writeContents(
  sim: SimContext,
  ctx: RequestContext,
  remove: boolean,
): HttpReply {
  const repo = findRepo(sim, ctx);
  const path = normalizeFilePath(ctx.params.path);
  if (!path) {
    return fail(422, 'path contains a malformed path component', {
      errors: [{ resource: 'Commit', field: 'path', code: 'invalid' }],
    });
  }
  const message = requiredString(ctx.body, 'message');
  const branch = optionalString(ctx.body, 'branch') ?? repo.defaultBranch;
  const givenSha = optionalString(ctx.body, 'sha');
  const head = branchHead(sim, repo, branch);
  const existing = sim.store.readFile(repo, head.sha, path);
  const changes = new Map<string, FileChange>();
  if (remove) {
    requiredString(ctx.body, 'sha');
    if (!existing) return notFound();
    if (givenSha !== existing.sha) {
      return fail(409, `${path} does not match ${givenSha}`);
    }
    changes.set(path, null);
  } else {
    const content = requiredString(ctx.body, 'content');
    if (!BASE64.test(content)) return fail(422, 'content is not valid Base64');
    if (existing && givenSha === undefined) {
      return fail(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    }
    if (existing && givenSha !== existing.sha) {
      return fail(409, `${path} does not match ${givenSha}`);
    }
    const mode: FileMode | undefined = existing?.mode;
    changes.set(path, { content: Buffer.from(content, 'base64'), mode });
  }
  const commit = sim.store.commitToBranch(repo, branch, changes, message);
  const commitJson = gitCommitJson(sim, repo, commit);
  if (remove) return json(200, { content: null, commit: commitJson });
  const written = sim.store.readFile(repo, commit.sha, path)!;
  return json(existing ? 200 : 201, {
    content: fileJson(
      sim,
      repo,
      path,
      branch,
      written.sha,
      written.mode,
      undefined,
    ),
    commit: commitJson,
  });
}

export function registerContentRoutes(router: Router, sim: SimContext): void {
  router.get('/repos/:owner/:repo/contents', ctx => readContents(sim, ctx, ''));
  router.get('/repos/:owner/:repo/contents/*path', ctx =>
    readContents(sim, ctx, ctx.params.path),
  );
  router.put('/repos/:owner/:repo/contents/*path', ctx =>
    writeContents(sim, ctx, false),
  );
  router.delete('/repos/:owner/:repo/contents/*path', ctx =>
    writeContents(sim, ctx, true),
  );
}

/**
 * GitHub Enterprise raw file URLs: `/raw/{owner}/{repo}/{ref}/{path}`, the
 * `rawBaseUrl` form Backstage's GitHub integration builds. A ref with
 * slashes is found by trying the longest matching prefix.
 */
export function registerRawRoutes(router: Router, sim: SimContext): void {
  router.get('/raw/:owner/:repo/*rest', ctx => {
    const notFoundText = raw(
      404,
      '404: Not Found',
      'text/plain; charset=utf-8',
    );
    const repo = sim.store.repository(`${ctx.params.owner}/${ctx.params.repo}`);
    if (!repo) return notFoundText;
    const segments = ctx.params.rest.split('/');
    for (let i = segments.length - 1; i >= 1; i--) {
      const ref = segments.slice(0, i).join('/');
      const path = normalizeFilePath(segments.slice(i).join('/'));
      if (!path) continue;
      const file = sim.store.readFile(repo, ref, path);
      if (file) {
        return raw(200, file.content, 'text/plain; charset=utf-8', {
          etag: `"${file.sha}"`,
          'x-content-type-options': 'nosniff',
        });
      }
    }
    return notFoundText;
  });
}
