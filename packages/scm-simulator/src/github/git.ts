import { SimContext } from '../context';
import { empty, json } from '../http/reply';
import { Router } from '../http/router';
import { ancestors } from '../store/history';
import { FileMode, GitPerson } from '../store/objects';
import { isValidRefName, normalizeFilePath } from '../store/paths';
import { RepositoryRecord } from '../store/records';
import {
  FlatTree,
  buildTree,
  flattenTree,
  listTree,
  setFlatFile,
} from '../store/trees';
import { findRepo, githubBase64 } from './common';
import { fail, notFound } from './errors';
import { optionalBoolean, optionalString, requiredString } from './fields';
import { gitCommitJson, refJson, repoApi } from './shapes';

const REFS_DOCS = 'https://docs.github.com/rest/git/refs';

function refsList(sim: SimContext, repo: RepositoryRecord, prefix: string) {
  return [...repo.refs]
    .filter(([ref]) => ref.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ref, sha]) => refJson(sim, repo, ref, sha));
}

function treeJson(
  sim: SimContext,
  repo: RepositoryRecord,
  sha: string,
  recursive: boolean,
) {
  const api = repoApi(sim, repo);
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    tree: listTree(sim.store.objects, sha, recursive).map(item => ({
      path: item.path,
      mode: item.mode,
      type: item.type,
      sha: item.sha,
      ...(item.size !== undefined && { size: item.size }),
      url: `${api}/git/${item.type === 'tree' ? 'trees' : 'blobs'}/${item.sha}`,
    })),
    truncated: false,
  };
}

/** `author` / `committer` objects; missing parts take the defaults. */
function person(value: unknown): Partial<GitPerson> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return { name: text(v.name), email: text(v.email), date: text(v.date) };
}

const TREE_MODES = ['100644', '100755', '040000', '160000', '120000'];

/** Applies one `POST /git/trees` entry to a flattened tree. */
function applyTreeEntry(sim: SimContext, files: FlatTree, item: unknown): void {
  const entry = (item ?? {}) as Record<string, unknown>;
  const path =
    typeof entry.path === 'string' ? normalizeFilePath(entry.path) : undefined;
  if (!path) {
    fail(422, 'tree.path contains a malformed path component', {
      errors: [{ resource: 'Tree', field: 'path', code: 'invalid' }],
    });
  }
  const mode = String(entry.mode ?? '');
  if (!TREE_MODES.includes(mode)) {
    fail(422, `tree.mode ${JSON.stringify(entry.mode)} is not a valid mode`);
  }
  const type = entry.type ?? (mode === '040000' ? 'tree' : 'blob');
  if (type === 'commit' || mode === '160000') {
    fail(422, 'Submodule (commit) entries are not supported by the simulator');
  }
  if (entry.sha === null) {
    setFlatFile(files, path, undefined);
    return;
  }
  if (typeof entry.content === 'string') {
    if (type !== 'blob') fail(422, 'tree.content is only valid for blobs');
    const sha = sim.store.objects.putBlob(Buffer.from(entry.content, 'utf8'));
    setFlatFile(files, path, { mode: mode as FileMode, sha });
    return;
  }
  const sha = typeof entry.sha === 'string' ? entry.sha.toLowerCase() : '';
  if (type === 'tree') {
    if (sim.store.objects.kind(sha) !== 'tree') {
      fail(422, `tree.sha ${entry.sha} is not a valid tree`);
    }
    setFlatFile(files, path, undefined);
    for (const [sub, file] of flattenTree(sim.store.objects, sha)) {
      setFlatFile(files, `${path}/${sub}`, file);
    }
    return;
  }
  if (sim.store.objects.kind(sha) !== 'blob') {
    fail(422, `tree.sha ${entry.sha} is not a valid blob`);
  }
  setFlatFile(files, path, { mode: mode as FileMode, sha });
}

/** Git data API: refs, commits, trees and blobs. */
export function registerGitRoutes(router: Router, sim: SimContext): void {
  router.get('/repos/:owner/:repo/git/ref/*ref', ctx => {
    const repo = findRepo(sim, ctx);
    const ref = `refs/${ctx.params.ref}`;
    const sha = repo.refs.get(ref);
    if (!sha) return notFound();
    return json(200, refJson(sim, repo, ref, sha));
  });

  router.get('/repos/:owner/:repo/git/refs', ctx => {
    const repo = findRepo(sim, ctx);
    return json(200, refsList(sim, repo, 'refs/'));
  });

  router.get('/repos/:owner/:repo/git/matching-refs/*ref', ctx => {
    const repo = findRepo(sim, ctx);
    return json(200, refsList(sim, repo, `refs/${ctx.params.ref}`));
  });

  router.get('/repos/:owner/:repo/git/refs/*ref', ctx => {
    const repo = findRepo(sim, ctx);
    const ref = `refs/${ctx.params.ref}`;
    const sha = repo.refs.get(ref);
    if (sha) return json(200, refJson(sim, repo, ref, sha));
    const matching = refsList(sim, repo, ref);
    return matching.length > 0 ? json(200, matching) : notFound();
  });

  router.post('/repos/:owner/:repo/git/refs', ctx => {
    const repo = findRepo(sim, ctx);
    const ref = requiredString(ctx.body, 'ref');
    const sha = requiredString(ctx.body, 'sha').toLowerCase();
    const docs = `${REFS_DOCS}#create-a-reference`;
    if (!/^refs\/[^/]+\/.+/.test(ref)) {
      return fail(
        422,
        "Reference name must start with 'refs/' and have at least two slashes.",
        { documentationUrl: docs },
      );
    }
    if (!isValidRefName(ref.replace(/^refs\/[^/]+\//, ''))) {
      return fail(422, `${ref} is not a valid ref name.`, {
        documentationUrl: docs,
      });
    }
    if (!sim.store.commit(sha)) {
      return fail(422, 'Object does not exist', { documentationUrl: docs });
    }
    if (repo.refs.has(ref)) {
      return fail(422, 'Reference already exists', { documentationUrl: docs });
    }
    sim.store.setRef(repo, ref, sha);
    const body = refJson(sim, repo, ref, sha);
    return json(201, body, { location: body.url });
  });

  router.patch('/repos/:owner/:repo/git/refs/*ref', ctx => {
    const repo = findRepo(sim, ctx);
    const ref = `refs/${ctx.params.ref}`;
    const sha = requiredString(ctx.body, 'sha').toLowerCase();
    const force = optionalBoolean(ctx.body, 'force') ?? false;
    const docs = `${REFS_DOCS}#update-a-reference`;
    const current = repo.refs.get(ref);
    if (!current) {
      return fail(422, 'Reference does not exist', { documentationUrl: docs });
    }
    if (!sim.store.commit(sha)) {
      return fail(422, 'Object does not exist', { documentationUrl: docs });
    }
    if (!force && !ancestors(sim.store.objects, sha).has(current)) {
      return fail(422, 'Update is not a fast forward', {
        documentationUrl: docs,
      });
    }
    sim.store.setRef(repo, ref, sha);
    return json(200, refJson(sim, repo, ref, sha));
  });

  router.delete('/repos/:owner/:repo/git/refs/*ref', ctx => {
    const repo = findRepo(sim, ctx);
    const ref = `refs/${ctx.params.ref}`;
    if (!repo.refs.has(ref)) {
      return fail(422, 'Reference does not exist', {
        documentationUrl: `${REFS_DOCS}#delete-a-reference`,
      });
    }
    repo.refs.delete(ref);
    return empty(204);
  });

  router.get('/repos/:owner/:repo/git/commits/:sha', ctx => {
    const repo = findRepo(sim, ctx);
    const commit = sim.store.commit(ctx.params.sha.toLowerCase());
    if (!commit) return notFound();
    return json(200, gitCommitJson(sim, repo, commit));
  });

  router.post('/repos/:owner/:repo/git/commits', ctx => {
    const repo = findRepo(sim, ctx);
    const message = requiredString(ctx.body, 'message');
    const tree = requiredString(ctx.body, 'tree').toLowerCase();
    const parentsValue = ctx.body.parents ?? [];
    if (!Array.isArray(parentsValue)) {
      return fail(
        422,
        "Invalid request.\n\nFor 'properties/parents', it is not an array.",
      );
    }
    if (sim.store.objects.kind(tree) !== 'tree') {
      return fail(422, 'Tree SHA does not exist');
    }
    const parents = parentsValue.map(p => String(p).toLowerCase());
    if (parents.some(p => !sim.store.commit(p))) {
      return fail(422, 'Parent SHA does not exist or is not a commit object');
    }
    const author = sim.store.person(person(ctx.body.author));
    const committer = ctx.body.committer
      ? sim.store.person(person(ctx.body.committer))
      : author;
    const commit = sim.store.objects.putCommit({
      tree,
      parents,
      message,
      author,
      committer,
    });
    const body = gitCommitJson(sim, repo, commit);
    return json(201, body, { location: body.url });
  });

  router.get('/repos/:owner/:repo/git/trees/*sha', ctx => {
    const repo = findRepo(sim, ctx);
    const wanted = ctx.params.sha;
    let treeSha: string | undefined;
    if (sim.store.objects.kind(wanted.toLowerCase()) === 'tree') {
      treeSha = wanted.toLowerCase();
    } else {
      const commitSha = sim.store.resolveRef(repo, wanted);
      treeSha = commitSha ? sim.store.commit(commitSha)?.tree : undefined;
    }
    if (!treeSha) return notFound();
    const recursive = ctx.query.get('recursive');
    const isRecursive =
      recursive !== null &&
      recursive !== '' &&
      recursive !== '0' &&
      recursive !== 'false';
    return json(200, treeJson(sim, repo, treeSha, isRecursive));
  });

  router.post('/repos/:owner/:repo/git/trees', ctx => {
    const repo = findRepo(sim, ctx);
    const items = ctx.body.tree;
    if (!Array.isArray(items)) {
      return fail(422, 'Invalid request.\n\n"tree" wasn\'t supplied.');
    }
    const baseTree = optionalString(ctx.body, 'base_tree')?.toLowerCase();
    if (baseTree && sim.store.objects.kind(baseTree) !== 'tree') {
      return fail(422, 'base_tree is not a valid tree oid');
    }
    const files: FlatTree = baseTree
      ? flattenTree(sim.store.objects, baseTree)
      : new Map();
    for (const item of items) applyTreeEntry(sim, files, item);
    const sha = buildTree(sim.store.objects, files);
    const body = treeJson(sim, repo, sha, false);
    return json(201, body, { location: body.url });
  });

  router.get('/repos/:owner/:repo/git/blobs/:sha', ctx => {
    const repo = findRepo(sim, ctx);
    const sha = ctx.params.sha.toLowerCase();
    const content = sim.store.objects.getBlob(sha);
    if (!content) return notFound();
    return json(200, {
      sha,
      node_id: Buffer.from(`B_${sha}`).toString('base64'),
      size: content.length,
      url: `${repoApi(sim, repo)}/git/blobs/${sha}`,
      content: githubBase64(content),
      encoding: 'base64',
    });
  });

  router.post('/repos/:owner/:repo/git/blobs', ctx => {
    const repo = findRepo(sim, ctx);
    const content = requiredString(ctx.body, 'content');
    const encoding = optionalString(ctx.body, 'encoding') ?? 'utf-8';
    if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
      return fail(
        422,
        `encoding must be "utf-8" or "base64", not "${encoding}"`,
      );
    }
    const buffer =
      encoding === 'base64'
        ? Buffer.from(content, 'base64')
        : Buffer.from(content, 'utf8');
    const sha = sim.store.objects.putBlob(buffer);
    const url = `${repoApi(sim, repo)}/git/blobs/${sha}`;
    return json(201, { sha, url }, { location: url });
  });
}
