import { createHash } from 'node:crypto';
import { SimContext } from '../context';
import { paginate } from '../http/pagination';
import { RequestContext } from '../http/request';
import { HttpReply, empty, json, raw } from '../http/reply';
import { Router } from '../http/router';
import { walkHistory } from '../store/history';
import {
  isValidRefName,
  normalizeFilePath,
  normalizeRepoPath,
} from '../store/paths';
import { RepositoryRecord } from '../store/records';
import { commitArchiveEntries, createTarball } from '../tarball';
import { findProject, optionalParam, paramsOf, requiredParam } from './common';
import { failError, failMessage, notFound } from './errors';
import { branchJson, projectJson } from './shapes';

function commitSha(
  sim: SimContext,
  repo: RepositoryRecord,
  ref: string,
): string {
  return sim.store.resolveRef(repo, ref) ?? notFound('Commit');
}

function filePath(value: string): string {
  return (
    normalizeFilePath(value) ??
    failError(400, 'file_path should be a valid file path')
  );
}

/** GET repository/files/:file_path(/raw): JSON with base64 content, or the bytes. */
function readFile(
  sim: SimContext,
  ctx: RequestContext,
  asRaw: boolean,
): HttpReply {
  const repo = findProject(sim, ctx);
  const params = paramsOf(ctx);
  const path = filePath(ctx.params.path);
  const ref = asRaw
    ? optionalParam(params, 'ref') ?? repo.defaultBranch
    : requiredParam(params, 'ref');
  const sha = commitSha(sim, repo, ref);
  const file = sim.store.readFile(repo, sha, path) ?? notFound('File');
  const lastCommit = walkHistory(sim.store.objects, sha, { path })[0];
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const name = path.slice(path.lastIndexOf('/') + 1);
  const headers: Record<string, string> = {
    'x-gitlab-blob-id': file.sha,
    'x-gitlab-commit-id': sha,
    'x-gitlab-content-sha256': sha256,
    'x-gitlab-encoding': 'base64',
    'x-gitlab-execute-filemode': String(file.mode === '100755'),
    'x-gitlab-file-name': encodeURIComponent(name),
    'x-gitlab-file-path': encodeURIComponent(path),
    'x-gitlab-last-commit-id': lastCommit?.sha ?? sha,
    'x-gitlab-ref': encodeURIComponent(ref),
    'x-gitlab-size': String(file.content.length),
  };
  if (asRaw) {
    return raw(200, file.content, 'text/plain; charset=utf-8', {
      ...headers,
      etag: `"${file.sha}"`,
      'x-content-type-options': 'nosniff',
    });
  }
  return json(
    200,
    {
      file_name: name,
      file_path: path,
      size: file.content.length,
      encoding: 'base64',
      content_sha256: sha256,
      ref,
      blob_id: file.sha,
      commit_id: sha,
      last_commit_id: lastCommit?.sha ?? sha,
      execute_filemode: file.mode === '100755',
      content: file.content.toString('base64'),
    },
    headers,
  );
}

const ARCHIVE_FORMATS: Record<string, boolean> = {
  'tar.gz': true,
  tgz: true,
  gz: true,
  tar: false,
};

/** GET repository/archive(.format)?sha=&path=, a tarball like GitLab's. */
async function archive(
  sim: SimContext,
  ctx: RequestContext,
): Promise<HttpReply> {
  const repo = findProject(sim, ctx);
  const params = paramsOf(ctx);
  const format = ctx.params.format ?? 'tar.gz';
  if (!(format in ARCHIVE_FORMATS)) {
    return failError(
      400,
      `format ${format} is not served by the simulator (tar.gz, tgz, tar)`,
    );
  }
  const ref = optionalParam(params, 'sha') ?? repo.defaultBranch;
  const sha = commitSha(sim, repo, ref);
  const commit = sim.store.commit(sha)!;
  const subPath = normalizeRepoPath(optionalParam(params, 'path') ?? '');
  if (subPath === undefined) return failError(400, 'path is invalid');
  const refPart = ref.replace(/\//g, '-');
  const pathPart = subPath ? `-${subPath.replace(/\//g, '-')}` : '';
  const prefix = `${repo.name}-${refPart}-${sha}${pathPart}`;
  const entries =
    commitArchiveEntries(sim.store.objects, commit.tree, prefix, subPath) ??
    notFound('File');
  const gzip = ARCHIVE_FORMATS[format];
  const build = () =>
    createTarball(entries, {
      mtime: new Date(commit.committer.date),
      comment: sha,
      gzip,
    });
  const body = sim.archives
    ? await sim.archives.get(`gitlab:${sha}:${prefix}:${gzip}`, build)
    : await build();
  const extension = gzip ? 'tar.gz' : 'tar';
  return raw(200, body, 'application/octet-stream', {
    'content-disposition': `attachment; filename="${prefix}.${extension}"`,
    'content-transfer-encoding': 'binary',
  });
}

/** Projects, branches, files and archives. */
export function registerRepositoryRoutes(
  router: Router,
  sim: SimContext,
): void {
  router.get('/projects/:id', ctx =>
    json(200, projectJson(sim, findProject(sim, ctx))),
  );

  router.get('/projects/:id/repository/branches', ctx => {
    const repo = findProject(sim, ctx);
    const search = optionalParam(paramsOf(ctx), 'search');
    const all = sim.store
      .branches(repo)
      .filter(b => !search || b.name.includes(search))
      .map(b => branchJson(sim, repo, b.name, sim.store.commit(b.sha)!));
    const page = paginate(ctx, all, { defaultPerPage: 20, maxPerPage: 100 });
    return json(200, page.items, page.headers);
  });

  router.get('/projects/:id/repository/branches/*branch', ctx => {
    const repo = findProject(sim, ctx);
    const sha =
      sim.store.branchSha(repo, ctx.params.branch) ?? notFound('Branch');
    return json(
      200,
      branchJson(sim, repo, ctx.params.branch, sim.store.commit(sha)!),
    );
  });

  router.post('/projects/:id/repository/branches', ctx => {
    const repo = findProject(sim, ctx);
    const params = paramsOf(ctx);
    const branch = requiredParam(params, 'branch');
    const ref = requiredParam(params, 'ref');
    if (!isValidRefName(branch))
      return failMessage(400, 'Branch name is invalid');
    if (sim.store.branchSha(repo, branch)) {
      return failMessage(400, 'Branch already exists');
    }
    const sha = sim.store.resolveRef(repo, ref);
    if (!sha) return failMessage(400, 'Invalid reference name');
    sim.store.setRef(repo, `refs/heads/${branch}`, sha);
    return json(201, branchJson(sim, repo, branch, sim.store.commit(sha)!));
  });

  router.delete('/projects/:id/repository/branches/*branch', ctx => {
    const repo = findProject(sim, ctx);
    const branch = ctx.params.branch;
    if (!sim.store.branchSha(repo, branch)) return notFound('Branch');
    if (branch === repo.defaultBranch) {
      return failMessage(400, 'Cannot remove the default branch');
    }
    repo.refs.delete(`refs/heads/${branch}`);
    return empty(204);
  });

  router.get('/projects/:id/repository/files/:path/raw', ctx =>
    readFile(sim, ctx, true),
  );
  router.get('/projects/:id/repository/files/:path', ctx =>
    readFile(sim, ctx, false),
  );

  router.get('/projects/:id/repository/archive', ctx => archive(sim, ctx));
  router.get('/projects/:id/repository/archive.:format', ctx =>
    archive(sim, ctx),
  );
}
