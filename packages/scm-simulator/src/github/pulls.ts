import { SimContext } from '../context';
import { paginate } from '../http/pagination';
import { empty, json } from '../http/reply';
import { Router } from '../http/router';
import { ancestors, diffTrees, mergeBase } from '../store/history';
import {
  createPull,
  findOpenPullForHead,
  livePullShas,
  mergePull,
  setIssueState,
  uniqueLabels,
} from '../store/issues';
import { IssueRecord, RepositoryRecord } from '../store/records';
import { findRepo, headBranch } from './common';
import { fail, missingField, notFound, validationFailed } from './errors';
import {
  nullableString,
  oneOf,
  optionalBoolean,
  optionalLabels,
  optionalString,
} from './fields';
import { findIssue, sortIssues } from './issues';
import { pullJson } from './shapes';

function findPull(repo: RepositoryRecord, value: string): IssueRecord {
  const issue = findIssue(repo, value);
  return issue.pull ? issue : notFound();
}

function details(sim: SimContext, repo: RepositoryRecord, issue: IssueRecord) {
  const { headSha, baseSha } = livePullShas(sim.store, repo, issue);
  const objects = sim.store.objects;
  const inBase = ancestors(objects, baseSha);
  let commits = 0;
  for (const sha of ancestors(objects, headSha))
    if (!inBase.has(sha)) commits += 1;
  const base = mergeBase(objects, headSha, baseSha);
  const head = sim.store.commit(headSha);
  const changedFiles = head
    ? diffTrees(
        objects,
        base ? sim.store.commit(base)!.tree : undefined,
        head.tree,
      ).size
    : 0;
  return { commits, changedFiles };
}

function invalidField(field: string): never {
  return validationFailed([
    { resource: 'PullRequest', field, code: 'invalid' },
  ]);
}

function custom(message: string): never {
  return validationFailed([
    { resource: 'PullRequest', code: 'custom', message },
  ]);
}

export function registerPullRoutes(router: Router, sim: SimContext): void {
  router.post('/repos/:owner/:repo/pulls', ctx => {
    const repo = findRepo(sim, ctx);
    const title = optionalString(ctx.body, 'title');
    const headValue = optionalString(ctx.body, 'head');
    const base = optionalString(ctx.body, 'base');
    if (!title) return missingField('PullRequest', 'title');
    if (!headValue) return missingField('PullRequest', 'head');
    if (!base) return missingField('PullRequest', 'base');
    const head = headBranch(repo, headValue);
    const baseSha = sim.store.branchSha(repo, base);
    if (!baseSha) return invalidField('base');
    const headSha = head ? sim.store.branchSha(repo, head) : undefined;
    if (!head || !headSha) return invalidField('head');
    if (head === base || ancestors(sim.store.objects, baseSha).has(headSha)) {
      return custom(`No commits between ${base} and ${head}`);
    }
    if (findOpenPullForHead(repo, head, base)) {
      return custom(`A pull request already exists for ${repo.owner}:${head}.`);
    }
    const issue = createPull(sim.store, repo, {
      title,
      body: nullableString(ctx.body, 'body'),
      labels: optionalLabels(ctx.body, 'labels'),
      head,
      base,
      draft: optionalBoolean(ctx.body, 'draft'),
      author: sim.user,
    });
    const body = pullJson(sim, repo, issue, details(sim, repo, issue));
    return json(201, body, { location: body.url });
  });

  router.get('/repos/:owner/:repo/pulls', ctx => {
    const repo = findRepo(sim, ctx);
    const state = ctx.query.get('state') ?? 'open';
    const headParam = ctx.query.get('head');
    const head = headParam ? headBranch(repo, headParam) ?? null : undefined;
    const base = ctx.query.get('base');
    const matching = [...repo.issues.values()].filter(
      issue =>
        issue.pull &&
        (state === 'all' || issue.state === state) &&
        (head === undefined || issue.pull.head === head) &&
        (!base || issue.pull.base === base),
    );
    const page = paginate(ctx, sortIssues(ctx, matching), {
      defaultPerPage: 30,
      maxPerPage: 100,
    });
    return json(
      200,
      page.items.map(issue => pullJson(sim, repo, issue)),
      page.headers,
    );
  });

  router.get('/repos/:owner/:repo/pulls/:number', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findPull(repo, ctx.params.number);
    return json(200, pullJson(sim, repo, issue, details(sim, repo, issue)));
  });

  router.patch('/repos/:owner/:repo/pulls/:number', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findPull(repo, ctx.params.number);
    const title = optionalString(ctx.body, 'title');
    const text = nullableString(ctx.body, 'body');
    const state = oneOf(optionalString(ctx.body, 'state'), 'state', [
      'open',
      'closed',
    ]);
    const base = optionalString(ctx.body, 'base');
    const labels = optionalLabels(ctx.body, 'labels');
    if (base !== undefined && !sim.store.branchSha(repo, base)) {
      return invalidField('base');
    }
    if (state === 'open' && issue.state === 'closed') {
      if (issue.pull!.merged)
        return fail(422, 'Cannot reopen a merged pull request');
      if (findOpenPullForHead(repo, issue.pull!.head, issue.pull!.base)) {
        return custom(
          `A pull request already exists for ${repo.owner}:${
            issue.pull!.head
          }.`,
        );
      }
    }
    if (title !== undefined) issue.title = title;
    if (text !== undefined) issue.body = text;
    if (base !== undefined && issue.state === 'open') issue.pull!.base = base;
    if (labels !== undefined) issue.labels = uniqueLabels(labels);
    if (state !== undefined) setIssueState(sim.store, repo, issue, state);
    issue.updatedAt = sim.store.now();
    return json(200, pullJson(sim, repo, issue, details(sim, repo, issue)));
  });

  router.get('/repos/:owner/:repo/pulls/:number/merge', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findPull(repo, ctx.params.number);
    return issue.pull!.merged ? empty(204) : notFound();
  });

  router.put('/repos/:owner/:repo/pulls/:number/merge', ctx => {
    const repo = findRepo(sim, ctx);
    const issue = findPull(repo, ctx.params.number);
    if (issue.state !== 'open')
      return fail(405, 'Pull Request is not mergeable');
    const expected = optionalString(ctx.body, 'sha');
    const { headSha } = livePullShas(sim.store, repo, issue);
    if (expected && expected !== headSha) {
      return fail(
        409,
        'Head branch was modified. Review and try the merge again.',
      );
    }
    const commitTitle = optionalString(ctx.body, 'commit_title');
    const commitMessage = optionalString(ctx.body, 'commit_message');
    const message = commitTitle
      ? `${commitTitle}${commitMessage ? `\n\n${commitMessage}` : ''}`
      : undefined;
    const commit = mergePull(sim.store, repo, issue, { message });
    return json(200, {
      sha: commit.sha,
      merged: true,
      message: 'Pull Request successfully merged',
    });
  });
}
