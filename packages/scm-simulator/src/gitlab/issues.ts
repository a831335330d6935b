import { SimContext } from '../context';
import { paginate } from '../http/pagination';
import { RequestContext } from '../http/request';
import { HttpReply, json } from '../http/reply';
import { Router } from '../http/router';
import {
  addComment,
  createIssue,
  setIssueState,
  uniqueLabels,
} from '../store/issues';
import { IssueRecord, RepositoryRecord } from '../store/records';
import {
  Params,
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
import { failError, notFound } from './errors';
import { issueJson, noteJson } from './shapes';

/** state_event close / reopen. */
export function applyStateEvent(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
  params: Params,
): void {
  const event = optionalParam(params, 'state_event');
  if (event === undefined) return;
  if (event !== 'close' && event !== 'reopen') {
    failError(400, 'state_event does not have a valid value');
  }
  setIssueState(sim.store, repo, issue, event === 'close' ? 'closed' : 'open');
}

/** Notes on issues and merge requests: list, create, edit. */
export function registerNoteRoutes(
  router: Router,
  sim: SimContext,
  kind: 'issues' | 'merge_requests',
): void {
  const isMergeRequest = kind === 'merge_requests';
  const target = (ctx: RequestContext) => {
    const repo = findProject(sim, ctx);
    return { repo, issue: findIid(repo, ctx.params.iid, isMergeRequest) };
  };
  router.get(`/projects/:id/${kind}/:iid/notes`, ctx => {
    const { repo, issue } = target(ctx);
    const sort = optionalParam(paramsOf(ctx), 'sort') ?? 'desc';
    const notes =
      sort === 'asc' ? issue.comments : [...issue.comments].reverse();
    const page = paginate(ctx, notes, { defaultPerPage: 20, maxPerPage: 100 });
    return json(
      200,
      page.items.map(n => noteJson(sim, repo, issue, n)),
      page.headers,
    );
  });
  router.post(`/projects/:id/${kind}/:iid/notes`, ctx => {
    const { repo, issue } = target(ctx);
    const body = requiredParam(paramsOf(ctx), 'body');
    const note = addComment(sim.store, issue, body, sim.user);
    return json(201, noteJson(sim, repo, issue, note));
  });
  router.put(`/projects/:id/${kind}/:iid/notes/:noteId`, ctx => {
    const { repo, issue } = target(ctx);
    const note =
      issue.comments.find(c => String(c.id) === ctx.params.noteId) ??
      notFound('Note');
    note.body = requiredParam(paramsOf(ctx), 'body');
    note.updatedAt = sim.store.now();
    return json(200, noteJson(sim, repo, issue, note));
  });
}

function listIssues(sim: SimContext, ctx: RequestContext): HttpReply {
  const repo = findProject(sim, ctx);
  const params = paramsOf(ctx);
  const state = optionalParam(params, 'state') ?? 'all';
  const matching = [...repo.issues.values()].filter(
    issue =>
      !issue.pull &&
      (state === 'all' ||
        (state === 'opened' && issue.state === 'open') ||
        (state === 'closed' && issue.state === 'closed')) &&
      matchesListFilters(params, issue),
  );
  const page = paginate(ctx, sortForList(params, matching), {
    defaultPerPage: 20,
    maxPerPage: 100,
  });
  return json(
    200,
    page.items.map(issue => issueJson(sim, repo, issue)),
    page.headers,
  );
}

export function registerIssueRoutes(router: Router, sim: SimContext): void {
  router.post('/projects/:id/issues', ctx => {
    const repo = findProject(sim, ctx);
    const params = paramsOf(ctx);
    const issue = createIssue(sim.store, repo, {
      title: requiredParam(params, 'title'),
      body: optionalParam(params, 'description') ?? null,
      labels: labelsParam(params, 'labels'),
      author: sim.user,
    });
    return json(201, issueJson(sim, repo, issue));
  });

  router.get('/projects/:id/issues', ctx => listIssues(sim, ctx));

  router.get('/projects/:id/issues/:iid', ctx => {
    const repo = findProject(sim, ctx);
    return json(
      200,
      issueJson(sim, repo, findIid(repo, ctx.params.iid, false)),
    );
  });

  router.put('/projects/:id/issues/:iid', ctx => {
    const repo = findProject(sim, ctx);
    const issue = findIid(repo, ctx.params.iid, false);
    const params = paramsOf(ctx);
    const title = optionalParam(params, 'title');
    const description = optionalParam(params, 'description');
    const labels = editedLabels(params, issue.labels);
    if (title !== undefined) {
      if (title === '') return failError(400, 'title is empty');
      issue.title = title;
    }
    if (description !== undefined) issue.body = description;
    if (labels !== undefined) issue.labels = uniqueLabels(labels);
    applyStateEvent(sim, repo, issue, params);
    issue.updatedAt = sim.store.now();
    return json(200, issueJson(sim, repo, issue));
  });

  registerNoteRoutes(router, sim, 'issues');
}
