import { SimContext } from '../context';
import { paginate } from '../http/pagination';
import { json } from '../http/reply';
import { Router } from '../http/router';
import {
  createPull,
  findOpenPullForHead,
  livePullShas,
  mergePull,
  uniqueLabels,
} from '../store/issues';
import {
  booleanParam,
  editedLabels,
  findIid,
  findProject,
  labelsParam,
  matchesListFilters,
  optionalParam,
  paramsOf,
  requiredParam,
  sortForList,
} from './common';
import { failError, failMessage } from './errors';
import { applyStateEvent, registerNoteRoutes } from './issues';
import { mergeRequestJson, mergeRequestState } from './shapes';

export function registerMergeRequestRoutes(
  router: Router,
  sim: SimContext,
): void {
  router.post('/projects/:id/merge_requests', ctx => {
    const repo = findProject(sim, ctx);
    const params = paramsOf(ctx);
    const source = requiredParam(params, 'source_branch');
    const target = requiredParam(params, 'target_branch');
    const title = requiredParam(params, 'title');
    if (!sim.store.branchSha(repo, source)) {
      return failMessage(400, [`Source branch "${source}" does not exist`]);
    }
    if (!sim.store.branchSha(repo, target)) {
      return failMessage(400, [`Target branch "${target}" does not exist`]);
    }
    if (source === target) {
      return failMessage(400, [
        "You can't use same project/branch for source and target",
      ]);
    }
    const existing = findOpenPullForHead(repo, source, target);
    if (existing) {
      return failMessage(409, [
        `Another open merge request already exists for this source branch: !${existing.number}`,
      ]);
    }
    const draft =
      booleanParam(params, 'draft') ?? /^(draft:|\[draft\])/i.test(title);
    const issue = createPull(sim.store, repo, {
      title,
      body: optionalParam(params, 'description') ?? null,
      labels: labelsParam(params, 'labels'),
      head: source,
      base: target,
      draft,
      author: sim.user,
    });
    return json(201, mergeRequestJson(sim, repo, issue));
  });

  router.get('/projects/:id/merge_requests', ctx => {
    const repo = findProject(sim, ctx);
    const params = paramsOf(ctx);
    const state = optionalParam(params, 'state') ?? 'all';
    const source = optionalParam(params, 'source_branch');
    const target = optionalParam(params, 'target_branch');
    const matching = [...repo.issues.values()].filter(
      issue =>
        issue.pull &&
        (state === 'all' || mergeRequestState(issue) === state) &&
        (!source || issue.pull.head === source) &&
        (!target || issue.pull.base === target) &&
        matchesListFilters(params, issue),
    );
    const page = paginate(ctx, sortForList(params, matching), {
      defaultPerPage: 20,
      maxPerPage: 100,
    });
    return json(
      200,
      page.items.map(issue => mergeRequestJson(sim, repo, issue)),
      page.headers,
    );
  });

  router.get('/projects/:id/merge_requests/:iid', ctx => {
    const repo = findProject(sim, ctx);
    return json(
      200,
      mergeRequestJson(sim, repo, findIid(repo, ctx.params.iid, true)),
    );
  });

  router.put('/projects/:id/merge_requests/:iid', ctx => {
    const repo = findProject(sim, ctx);
    const issue = findIid(repo, ctx.params.iid, true);
    const params = paramsOf(ctx);
    const title = optionalParam(params, 'title');
    const description = optionalParam(params, 'description');
    const target = optionalParam(params, 'target_branch');
    const labels = editedLabels(params, issue.labels);
    if (target !== undefined && !sim.store.branchSha(repo, target)) {
      return failMessage(400, [`Target branch "${target}" does not exist`]);
    }
    if (title !== undefined) {
      if (title === '') return failError(400, 'title is empty');
      issue.title = title;
    }
    if (description !== undefined) issue.body = description;
    if (target !== undefined && issue.state === 'open')
      issue.pull!.base = target;
    if (labels !== undefined) issue.labels = uniqueLabels(labels);
    applyStateEvent(sim, repo, issue, params);
    issue.updatedAt = sim.store.now();
    return json(200, mergeRequestJson(sim, repo, issue));
  });

  router.put('/projects/:id/merge_requests/:iid/merge', ctx => {
    const repo = findProject(sim, ctx);
    const issue = findIid(repo, ctx.params.iid, true);
    const params = paramsOf(ctx);
    if (issue.state !== 'open')
      return failMessage(405, '405 Method Not Allowed');
    const expected = optionalParam(params, 'sha');
    const { headSha } = livePullShas(sim.store, repo, issue);
    if (expected && expected !== headSha) {
      return failMessage(
        409,
        `SHA does not match HEAD of source branch: ${headSha}`,
      );
    }
    mergePull(sim.store, repo, issue, {
      message: optionalParam(params, 'merge_commit_message'),
    });
    if (booleanParam(params, 'should_remove_source_branch')) {
      repo.refs.delete(`refs/heads/${issue.pull!.head}`);
    }
    return json(200, mergeRequestJson(sim, repo, issue));
  });

  registerNoteRoutes(router, sim, 'merge_requests');
}
