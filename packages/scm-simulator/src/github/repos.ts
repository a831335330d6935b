import { SimContext } from '../context';
import { paginate } from '../http/pagination';
import { json, raw } from '../http/reply';
import { RequestContext } from '../http/request';
import { Router } from '../http/router';
import { diffTrees, walkHistory } from '../store/history';
import { normalizeRepoPath } from '../store/paths';
import { commitArchiveEntries, createTarball } from '../tarball';
import { commitAt, findRepo, httpDate, noCommitForSha } from './common';
import { fail, notFound } from './errors';
import {
  branchJson,
  repoApi,
  repoCommitJson,
  repoJson,
  repoWeb,
} from './shapes';

/** Repositories, branches, commits, combined status and tarballs. */
export function registerRepoRoutes(router: Router, sim: SimContext): void {
  router.get('/repos/:owner/:repo', ctx =>
    json(200, repoJson(sim, findRepo(sim, ctx))),
  );

  router.get('/repos/:owner/:repo/branches', ctx => {
    const repo = findRepo(sim, ctx);
    const api = repoApi(sim, repo);
    const all = sim.store.branches(repo).map(({ name, sha }) => ({
      name,
      commit: { sha, url: `${api}/commits/${sha}` },
      protected: false,
    }));
    const page = paginate(ctx, all, { defaultPerPage: 30, maxPerPage: 100 });
    return json(200, page.items, page.headers);
  });

  router.get('/repos/:owner/:repo/branches/*branch', ctx => {
    const repo = findRepo(sim, ctx);
    const sha = sim.store.branchSha(repo, ctx.params.branch);
    if (!sha) return fail(404, 'Branch not found');
    return json(
      200,
      branchJson(sim, repo, ctx.params.branch, sim.store.commit(sha)!),
    );
  });

  router.get('/repos/:owner/:repo/commits', ctx => {
    const repo = findRepo(sim, ctx);
    const ref = ctx.query.get('sha') ?? repo.defaultBranch;
    const start = commitAt(sim, repo, ref, notFound);
    const rawPath = ctx.query.get('path');
    const path = rawPath === null ? '' : normalizeRepoPath(rawPath);
    if (path === undefined) return json(200, []);
    const all = walkHistory(sim.store.objects, start.sha, { path });
    const page = paginate(ctx, all, { defaultPerPage: 30, maxPerPage: 100 });
    return json(
      200,
      page.items.map(c => repoCommitJson(sim, repo, c)),
      page.headers,
    );
  });

  // Registered before commits/*ref, which would take the `/status` suffix.
  router.get('/repos/:owner/:repo/commits/*ref/status', ctx => {
    const repo = findRepo(sim, ctx);
    const commit = commitAt(sim, repo, ctx.params.ref, notFound);
    const api = repoApi(sim, repo);
    return json(200, {
      state: 'pending',
      statuses: [],
      sha: commit.sha,
      total_count: 0,
      repository: repoJson(sim, repo),
      commit_url: `${api}/commits/${commit.sha}`,
      url: `${api}/commits/${commit.sha}/status`,
    });
  });

  router.get('/repos/:owner/:repo/commits/*ref', ctx => {
    const repo = findRepo(sim, ctx);
    const ref = ctx.params.ref;
    const commit = commitAt(sim, repo, ref, () => noCommitForSha(ref));
    const parent = commit.parents[0]
      ? sim.store.commit(commit.parents[0])
      : undefined;
    const before = parent ? sim.store.files(parent.sha) : new Map();
    const changes = diffTrees(sim.store.objects, parent?.tree, commit.tree);
    const web = repoWeb(sim, repo);
    const files = [...changes].map(([filename, file]) => {
      let status = 'added';
      if (!file) status = 'removed';
      else if (before.has(filename)) status = 'modified';
      const sha = file?.sha ?? before.get(filename)?.sha;
      return {
        sha,
        filename,
        status,
        blob_url: `${web}/blob/${commit.sha}/${filename}`,
        raw_url: `${sim.urls.githubWeb}/raw/${repo.fullName}/${commit.sha}/${filename}`,
        contents_url: `${repoApi(sim, repo)}/contents/${filename}?ref=${
          commit.sha
        }`,
      };
    });
    return json(200, { ...repoCommitJson(sim, repo, commit), files });
  });

  const tarball = async (ctx: RequestContext) => {
    const repo = findRepo(sim, ctx);
    const commit = commitAt(
      sim,
      repo,
      ctx.params.ref ?? repo.defaultBranch,
      notFound,
    );
    const prefix = `${repo.owner}-${repo.name}-${commit.sha.slice(0, 7)}`;
    const build = () =>
      createTarball(
        commitArchiveEntries(sim.store.objects, commit.tree, prefix)!,
        { mtime: new Date(commit.committer.date), comment: commit.sha },
      );
    const body = sim.archives
      ? await sim.archives.get(`github:${commit.sha}:${prefix}`, build)
      : await build();
    return raw(200, body, 'application/x-gzip', {
      'content-disposition': `attachment; filename=${prefix}.tar.gz`,
      etag: `"${commit.sha}"`,
      'last-modified': httpDate(commit.committer.date),
    });
  };
  router.get('/repos/:owner/:repo/tarball', tarball);
  router.get('/repos/:owner/:repo/tarball/*ref', tarball);
}
