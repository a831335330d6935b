import { SimContext } from '../context';
import { paginate } from '../http/pagination';
import { RequestContext } from '../http/request';
import { json } from '../http/reply';
import { Router } from '../http/router';
import {
  addComment,
  createIssue,
  setIssueState,
  uniqueLabels,
} from '../store/issues';
import { IssueRecord, RepositoryRecord } from '../store/records';
import { findRepo } from './common';
import { fail, notFound } from './errors';
import {
  nullableString,
  oneOf,
  optionalLabels,
  optionalString,
  requiredString,
} from './fields';
import { commentJson, issueJson, labelJson } from './shapes';

export function findIssue(repo: RepositoryRecord, value: string): IssueRecord {
  if (!/^\d+$/.test(value)) return notFound();
  return repo.issues.get(Number(value)) ?? notFound();
}

function findComment(repo: RepositoryRecord, value: string) {
  if (/^\d+$/.test(value)) {
    const id = Number(value);
    for (const issue of repo.issues.values()) {
      const comment = issue.comments.find(c => c.id === id);
      if (comment) return { issue, comment };
    }
  }
  return notFound();
}

function titleOf(body: Record<string, unknown>): string {
  const value = body.title;
  if (typeof value === 'number') return String(value);
  return requiredString(body, 'title');
}

/** Sorting and filtering shared by the issue and pull request lists. */
export function sortIssues(
  ctx: RequestContext,
  issues: IssueRecord[],
): IssueRecord[] {
  const sort = ctx.query.get('sort') ?? 'created';
  const direction = ctx.query.get('direction') ?? 'desc';
  const key = (issue: IssueRecord): string | number => {
    if (sort === 'updated') return issue.updatedAt;
    if (sort === 'comments') return issue.comments.length;
    return issue.number;
  };
  const sorted = [...issues].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return a.number - b.number;
    return ka < kb ? -1 : 1;
  });
  return direction === 'asc' ? sorted : sorted.reverse();
}

function applyIssueEdits(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
  body: Record<string, unknown>,
): void {
  const title = body.title !== undefined ? titleOf(body) : undefined;
  const text = nullableString(body, 'body');
  const labels = optionalLabels(body, 'labels');
  const state = oneOf(optionalString(body, 'state'), 'state', [
    'open',
    'closed',
  ]);
  const reason = oneOf(
    nullableString(body, 'state_reason') ?? undefined,
    'state_reason',
    ['completed', 'not_planned', 'reopened'],
  );
  if (title !== undefined) issue.title = title;
  if (text !== undefined) issue.body = text;
  if (labels !== undefined) issue.labels = uniqueLabels(labels);
  if (state !== undefined) setIssueState(sim.store, repo, issue, state, reason);
  else if (reason !== undefined && issue.state === 'closed')
    issue.stateReason = reason;
  issue.updatedAt = sim.store.now();
}

export function registerIssueRoutes(router: Router, sim: SimContext): void {
  router.post('/repos/:owner/:repo/issues', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = createIssue(sim.store, repo, {
      title: titleOf(ctx.body),
      body: nullableString(ctx.body, 'body'),
      labels: optionalLabels(ctx.body, 'labels'),
      author: sim.user,
    });
    const body = issueJson(sim, repo, issue);
    return json(201, body, { location: String(body.url) });
  });

  router.get('/repos/:owner/:repo/issues', ctx => {
    const repo = findRepo(sim, ctx);
    const state = ctx.query.get('state') ?? 'open';
    const labels = (ctx.query.get('labels') ?? '')
      .split(',')
      .map(l => l.trim().toLowerCase())
      .filter(l => l !== '');
    const since = ctx.query.get('since');
    const creator = ctx.query.get('creator');
    const matching = [...repo.issues.values()].filter(
      issue =>
        (state === 'all' || issue.state === state) &&
        labels.every(l => issue.labels.some(x => x.toLowerCase() === l)) &&
        (!since || issue.updatedAt >= since) &&
        (!creator || issue.author === creator),
    );
    const page = paginate(ctx, sortIssues(ctx, matching), {
      defaultPerPage: 30,
      maxPerPage: 100,
    });
    return json(
      200,
      page.items.map(issue => issueJson(sim, repo, issue)),
      page.headers,
    );
  });

  router.get('/repos/:owner/:repo/issues/:number', ctx => {
    const repo = findRepo(sim, ctx);
    return json(200, issueJson(sim, repo, findIssue(repo, ctx.params.number)));
  });

  router.patch('/repos/:owner/:repo/issues/:number', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findIssue(repo, ctx.params.number);
    applyIssueEdits(sim, repo, issue, ctx.body);
    return json(200, issueJson(sim, repo, issue));
  });

  router.get('/repos/:owner/:repo/issues/:number/comments', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findIssue(repo, ctx.params.number);
    const page = paginate(ctx, issue.comments, {
      defaultPerPage: 30,
      maxPerPage: 100,
    });
    return json(
      200,
      page.items.map(c => commentJson(sim, repo, issue, c)),
      page.headers,
    );
  });

  router.post('/repos/:owner/:repo/issues/:number/comments', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findIssue(repo, ctx.params.number);
    const comment = addComment(
      sim.store,
      issue,
      requiredString(ctx.body, 'body'),
      sim.user,
    );
    const body = commentJson(sim, repo, issue, comment);
    return json(201, body, { location: body.url });
  });

  router.get('/repos/:owner/:repo/issues/comments/:id', ctx => {
    const repo = findRepo(sim, ctx);
    const { issue, comment } = findComment(repo, ctx.params.id);
    return json(200, commentJson(sim, repo, issue, comment));
  });

  router.patch('/repos/:owner/:repo/issues/comments/:id', ctx => {
    const repo = findRepo(sim, ctx);
    const { issue, comment } = findComment(repo, ctx.params.id);
    comment.body = requiredString(ctx.body, 'body');
    comment.updatedAt = sim.store.now();
    return json(200, commentJson(sim, repo, issue, comment));
  });

  const labelsOf = (repo: RepositoryRecord, issue: IssueRecord) =>
    issue.labels.map(name => labelJson(sim, repo, name));

  router.get('/repos/:owner/:repo/issues/:number/labels', ctx => {
    const repo = findRepo(sim, ctx);
    return json(200, labelsOf(repo, findIssue(repo, ctx.params.number)));
  });

  router.post('/repos/:owner/:repo/issues/:number/labels', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findIssue(repo, ctx.params.number);
    const added = optionalLabels(ctx.body, 'labels');
    if (!added)
      return fail(422, 'Invalid request.\n\n"labels" wasn\'t supplied.');
    issue.labels = uniqueLabels([...issue.labels, ...added]);
    issue.updatedAt = sim.store.now();
    return json(200, labelsOf(repo, issue));
  });

  router.put('/repos/:owner/:repo/issues/:number/labels', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findIssue(repo, ctx.params.number);
    issue.labels = uniqueLabels(optionalLabels(ctx.body, 'labels') ?? []);
    issue.updatedAt = sim.store.now();
    return json(200, labelsOf(repo, issue));
  });

  router.delete('/repos/:owner/:repo/issues/:number/labels/:name', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findIssue(repo, ctx.params.number);
    const before = issue.labels.length;
    issue.labels = issue.labels.filter(l => l !== ctx.params.name);
    if (issue.labels.length === before)
      return fail(404, 'Label does not exist');
    issue.updatedAt = sim.store.now();
    return json(200, labelsOf(repo, issue));
  });
}
