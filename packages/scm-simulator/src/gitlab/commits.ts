import { SimContext } from '../context';
import { paginate } from '../http/pagination';
import { json } from '../http/reply';
import { Router } from '../http/router';
import { walkHistory } from '../store/history';
import { FileMode } from '../store/objects';
import {
  isValidRefName,
  normalizeFilePath,
  normalizeRepoPath,
} from '../store/paths';
import { FlatTree, buildTree, flattenTree, setFlatFile } from '../store/trees';
import {
  Params,
  booleanParam,
  findProject,
  optionalParam,
  paramsOf,
  requiredParam,
} from './common';
import { failError, failMessage, missingParam, notFound } from './errors';
import { commitJson } from './shapes';

const ACTIONS = ['create', 'update', 'delete', 'move', 'chmod'];

function contentOf(action: Params, index: number): Buffer {
  const content = action.content;
  if (content === undefined || content === null) {
    return missingParam(`actions[${index}][content]`);
  }
  const text = String(content);
  const encoding = optionalParam(action, 'encoding') ?? 'text';
  if (encoding !== 'text' && encoding !== 'base64') {
    return failError(
      400,
      `actions[${index}][encoding] does not have a valid value`,
    );
  }
  return encoding === 'base64'
    ? Buffer.from(text, 'base64')
    : Buffer.from(text, 'utf8');
}

function actionPath(action: Params, key: string, index: number): string {
  const value = action[key];
  if (value === undefined || value === null || value === '') {
    return missingParam(`actions[${index}][${key}]`);
  }
  return (
    normalizeFilePath(String(value)) ??
    failError(400, `${key} should be a valid file path`)
  );
}

/**
 * Applies one commit action to the working tree, with GitLab's checks:
 * create needs a new path, update / delete / chmod an existing one, move an
 * existing previous_path and a free file_path.
 */
function applyAction(
  sim: SimContext,
  files: FlatTree,
  action: Params,
  index: number,
  lastCommitOf: (path: string) => string | undefined,
): void {
  const kind = optionalParam(action, 'action');
  if (!kind) return missingParam(`actions[${index}][action]`);
  if (!ACTIONS.includes(kind)) {
    return failError(
      400,
      `actions[${index}][action] does not have a valid value`,
    );
  }
  const path = actionPath(action, 'file_path', index);
  const existing = files.get(path);
  const expectedLast = optionalParam(action, 'last_commit_id');
  if (expectedLast && existing && lastCommitOf(path) !== expectedLast) {
    return failMessage(
      400,
      'You are attempting to update a file that has changed since you started editing it.',
    );
  }
  const executable = booleanParam(action, 'execute_filemode');
  const modeFor = (current?: FileMode): FileMode => {
    if (executable === undefined) return current ?? '100644';
    return executable ? '100755' : '100644';
  };
  switch (kind) {
    case 'create': {
      if (existing)
        return failMessage(400, 'A file with this name already exists');
      const sha = sim.store.objects.putBlob(contentOf(action, index));
      setFlatFile(files, path, { mode: modeFor(), sha });
      return undefined;
    }
    case 'update': {
      if (!existing)
        return failMessage(400, "A file with this name doesn't exist");
      const sha = sim.store.objects.putBlob(contentOf(action, index));
      setFlatFile(files, path, { mode: modeFor(existing.mode), sha });
      return undefined;
    }
    case 'delete':
      if (!existing)
        return failMessage(400, "A file with this name doesn't exist");
      setFlatFile(files, path, undefined);
      return undefined;
    case 'chmod':
      if (!existing)
        return failMessage(400, "A file with this name doesn't exist");
      setFlatFile(files, path, {
        mode: modeFor(existing.mode),
        sha: existing.sha,
      });
      return undefined;
    default: {
      const previous = actionPath(action, 'previous_path', index);
      const moved = files.get(previous);
      if (!moved)
        return failMessage(400, "A file with this name doesn't exist");
      if (existing && previous !== path) {
        return failMessage(400, 'A file with this name already exists');
      }
      const sha =
        action.content === undefined || action.content === null
          ? moved.sha
          : sim.store.objects.putBlob(contentOf(action, index));
      setFlatFile(files, previous, undefined);
      setFlatFile(files, path, { mode: modeFor(moved.mode), sha });
      return undefined;
    }
  }
}

export function registerCommitRoutes(router: Router, sim: SimContext): void {
  router.get('/projects/:id/repository/commits', ctx => {
    const repo = findProject(sim, ctx);
    const params = paramsOf(ctx);
    const ref = optionalParam(params, 'ref_name') || repo.defaultBranch;
    const sha = sim.store.resolveRef(repo, ref) ?? notFound('Commit');
    const path = normalizeRepoPath(optionalParam(params, 'path') ?? '');
    if (path === undefined) return failError(400, 'path is invalid');
    const since = optionalParam(params, 'since');
    const until = optionalParam(params, 'until');
    const all = walkHistory(sim.store.objects, sha, { path }).filter(
      c =>
        (!since || Date.parse(c.committer.date) >= Date.parse(since)) &&
        (!until || Date.parse(c.committer.date) <= Date.parse(until)),
    );
    const page = paginate(ctx, all, { defaultPerPage: 20, maxPerPage: 100 });
    return json(
      200,
      page.items.map(c => commitJson(sim, repo, c)),
      page.headers,
    );
  });

  router.get('/projects/:id/repository/commits/*sha', ctx => {
    const repo = findProject(sim, ctx);
    const sha =
      sim.store.resolveRef(repo, ctx.params.sha) ?? notFound('Commit');
    return json(200, {
      ...commitJson(sim, repo, sim.store.commit(sha)!),
      status: null,
      last_pipeline: null,
    });
  });

  router.post('/projects/:id/repository/commits', ctx => {
    const repo = findProject(sim, ctx);
    const params = paramsOf(ctx);
    const branch = requiredParam(params, 'branch');
    const message = requiredParam(params, 'commit_message');
    const actions = params.actions;
    if (!Array.isArray(actions) || actions.length === 0) {
      return missingParam('actions');
    }
    if (!isValidRefName(branch))
      return failMessage(400, 'Branch name is invalid');
    const startBranch = optionalParam(params, 'start_branch');
    const startSha = optionalParam(params, 'start_sha');
    const force = booleanParam(params, 'force') ?? false;
    let baseSha = force ? undefined : sim.store.branchSha(repo, branch);
    if (!baseSha && startBranch) {
      baseSha = sim.store.branchSha(repo, startBranch);
      if (!baseSha)
        return failMessage(400, `Invalid start branch name: ${startBranch}`);
    }
    if (!baseSha && startSha) {
      baseSha = sim.store.resolveRef(repo, startSha);
      if (!baseSha) return failMessage(400, `Invalid start SHA: ${startSha}`);
    }
    if (!baseSha) {
      return failMessage(
        400,
        'You can only create or edit files when you are on a branch',
      );
    }
    const base = sim.store.commit(baseSha)!;
    const files = flattenTree(sim.store.objects, base.tree);
    const lastCommitOf = (path: string) =>
      walkHistory(sim.store.objects, base.sha, { path })[0]?.sha;
    actions.forEach((action, index) => {
      if (!action || typeof action !== 'object') {
        failError(400, `actions[${index}] is invalid`);
      }
      applyAction(sim, files, action as Params, index, lastCommitOf);
    });
    const author = sim.store.person({
      name: optionalParam(params, 'author_name'),
      email: optionalParam(params, 'author_email'),
    });
    const commit = sim.store.objects.putCommit({
      tree: buildTree(sim.store.objects, files),
      parents: [base.sha],
      message,
      author,
      committer: author,
    });
    sim.store.setRef(repo, `refs/heads/${branch}`, commit.sha);
    return json(201, {
      ...commitJson(sim, repo, commit),
      status: null,
      last_pipeline: null,
    });
  });
}
