import { SimContext } from '../context';
import { answerGraphqlQuery, type GraphqlSchema } from '../http/graphql';
import { RequestContext } from '../http/request';
import { Router } from '../http/router';
import { walkHistory } from '../store/history';
import { normalizeRepoPath } from '../store/paths';
import { RepositoryRecord } from '../store/records';

/** Where GitLab serves GraphQL (on the GitLab listener, see server.ts). */
export const GITLAB_GRAPHQL_PATH = '/api/graphql';

/** GitLab's limit for an authenticated user (GitlabSchema). */
export const GITLAB_MAX_COMPLEXITY = 250;

interface GitlabEnv {
  sim: SimContext;
}

interface TreeValue {
  repo: RepositoryRecord;
  sha: string;
  path: string;
}

/**
 * The part of GitLab's GraphQL schema the simulator answers: a project's
 * repository, its root ref and the last commit of a tree at a ref and path
 * (what buildcache's batched GitLab head lookups send). Fields that call
 * Gitaly on GitLab count 2 towards the complexity, the others 1.
 */
const SCHEMA: GraphqlSchema<GitlabEnv> = {
  Query: {
    project: {
      type: 'Project',
      args: { fullPath: { required: true } },
      // GitLab answers null, without an error, for a missing project or
      // one the user cannot see; an old path after a rename is not followed
      resolve: (_parent, args, env) => {
        const wanted = String(args.fullPath);
        const repo = env.sim.store.repository(wanted);
        return repo && repo.fullName.toLowerCase() === wanted.toLowerCase()
          ? repo
          : null;
      },
    },
  },
  Project: {
    id: {
      resolve: (repo: RepositoryRecord) => `gid://gitlab/Project/${repo.id}`,
    },
    fullPath: { resolve: (repo: RepositoryRecord) => repo.fullName },
    name: { resolve: (repo: RepositoryRecord) => repo.name },
    repository: {
      type: 'Repository',
      resolve: (repo: RepositoryRecord) => repo,
    },
  },
  Repository: {
    rootRef: {
      complexity: 2,
      resolve: (repo: RepositoryRecord) =>
        repo.refs.has(`refs/heads/${repo.defaultBranch}`)
          ? repo.defaultBranch
          : null,
    },
    empty: {
      complexity: 2,
      resolve: (repo: RepositoryRecord) => repo.refs.size === 0,
    },
    tree: {
      type: 'Tree',
      complexity: 2,
      args: {
        ref: { required: false },
        path: { required: false, default: '' },
        recursive: { required: false, default: false },
      },
      resolve: (repo: RepositoryRecord, args, env): TreeValue | null => {
        const ref =
          args.ref === undefined || args.ref === null
            ? repo.defaultBranch
            : String(args.ref);
        const sha = env.sim.store.resolveRef(repo, ref);
        const path = normalizeRepoPath(String(args.path ?? ''));
        return sha && path !== undefined ? { repo, sha, path } : null;
      },
    },
  },
  Tree: {
    lastCommit: {
      type: 'Commit',
      complexity: 2,
      // `git log -1 <ref> -- <path>`; for the root, the ref's head (GitLab
      // asks Gitaly without a path for '/')
      resolve: (tree: TreeValue, _args, env) => {
        const objects = env.sim.store.objects;
        if (!tree.path) return objects.getCommit(tree.sha) ?? null;
        return walkHistory(objects, tree.sha, { path: tree.path })[0] ?? null;
      },
    },
  },
  Commit: {
    id: {
      resolve: (commit: { sha: string }) =>
        `gid://gitlab/CommitPresenter/${commit.sha}`,
    },
    sha: { resolve: (commit: { sha: string }) => commit.sha },
    shortId: { resolve: (commit: { sha: string }) => commit.sha.slice(0, 8) },
    title: {
      resolve: (commit: { message: string }) => commit.message.split('\n')[0],
    },
  },
};

/**
 * `POST /api/graphql` on the GitLab listener: authenticated like the REST
 * routes (server.ts), always HTTP 200 for a query, queries above GitLab's
 * complexity limit refused before they run.
 */
export function createGitlabGraphqlRouter(sim: SimContext): Router {
  const router = new Router();
  router.post(GITLAB_GRAPHQL_PATH, (ctx: RequestContext) =>
    answerGraphqlQuery(
      SCHEMA,
      ctx.body,
      { sim },
      {
        maxComplexity: GITLAB_MAX_COMPLEXITY,
      },
    ),
  );
  return router;
}
