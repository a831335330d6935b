import { SimContext } from '../context';
import {
  answerGraphqlQuery,
  graphqlErrors,
  locations,
  type GraphqlSchema,
} from '../http/graphql';
import { type HttpReply } from '../http/reply';
import { RequestContext } from '../http/request';
import { Router } from '../http/router';
import { RateLimiter } from '../rateLimit';
import { RepositoryRecord } from '../store/records';

/** Where GitHub Enterprise serves GraphQL (github.com: api.github.com/graphql). */
export const GITHUB_GRAPHQL_PATH = '/api/graphql';

interface GithubEnv {
  sim: SimContext;
  rateLimiter: RateLimiter;
}

interface RefValue {
  prefix: string;
  name: string;
  sha: string;
}

function refValue(repo: RepositoryRecord, qualified: string): RefValue | null {
  const candidates = qualified.startsWith('refs/')
    ? [qualified]
    : [`refs/heads/${qualified}`, `refs/tags/${qualified}`];
  for (const full of candidates) {
    const sha = repo.refs.get(full);
    if (!sha) continue;
    const slash = full.indexOf('/', 'refs/'.length);
    return {
      prefix: full.slice(0, slash + 1),
      name: full.slice(slash + 1),
      sha,
    };
  }
  return null;
}

/**
 * The part of GitHub's GraphQL schema the simulator answers: repositories
 * with their default branch and refs (head commits), and the rate limit.
 */
const SCHEMA: GraphqlSchema<GithubEnv> = {
  Query: {
    repository: {
      type: 'Repository',
      args: {
        owner: { required: true },
        name: { required: true },
        followRenames: { required: false, default: true },
      },
      resolve: (_parent, args, env) => {
        const wanted = `${args.owner}/${args.name}`;
        const repo = env.sim.store.repository(wanted);
        const found =
          repo &&
          repo.fullName.split('/').length === 2 &&
          (args.followRenames !== false ||
            repo.fullName.toLowerCase() === wanted.toLowerCase());
        if (found) return repo;
        env.errors.push({
          type: 'NOT_FOUND',
          path: [...env.path],
          locations: locations(env.node),
          message: `Could not resolve to a Repository with the name '${wanted}'.`,
        });
        return null;
      },
    },
    rateLimit: {
      type: 'RateLimit',
      args: { dryRun: { required: false, default: false } },
      resolve: (_parent, _args, env) => env.rateLimiter.snapshot(),
    },
  },
  Repository: {
    id: { resolve: (repo: RepositoryRecord) => `R_sim${repo.id}` },
    databaseId: { resolve: (repo: RepositoryRecord) => repo.id },
    name: { resolve: (repo: RepositoryRecord) => repo.name },
    nameWithOwner: { resolve: (repo: RepositoryRecord) => repo.fullName },
    isPrivate: { resolve: (repo: RepositoryRecord) => repo.private },
    defaultBranchRef: {
      type: 'Ref',
      resolve: (repo: RepositoryRecord) =>
        refValue(repo, `refs/heads/${repo.defaultBranch}`),
    },
    ref: {
      type: 'Ref',
      args: { qualifiedName: { required: true } },
      resolve: (repo: RepositoryRecord, args) =>
        refValue(repo, String(args.qualifiedName)),
    },
  },
  Ref: {
    name: { resolve: (ref: RefValue) => ref.name },
    prefix: { resolve: (ref: RefValue) => ref.prefix },
    target: { type: 'Commit', resolve: (ref: RefValue) => ref.sha },
  },
  Commit: {
    oid: { resolve: (sha: string) => sha },
    abbreviatedOid: { resolve: (sha: string) => sha.slice(0, 7) },
  },
  RateLimit: {
    cost: { resolve: () => 1 },
    limit: { resolve: s => s.limit },
    remaining: { resolve: s => s.remaining },
    used: { resolve: s => s.used },
    nodeCount: { resolve: () => 0 },
    resetAt: { resolve: s => new Date(s.reset * 1000).toISOString() },
  },
};

/** GitHub's answer when the GraphQL budget is spent: 200 with RATE_LIMITED. */
export function graphqlRateLimited(): HttpReply {
  return graphqlErrors([
    {
      type: 'RATE_LIMITED',
      message: 'API rate limit exceeded for user ID 1.',
    },
  ]);
}

/**
 * Answers one GraphQL request of the schema subset above (what buildcache's
 * batched head lookups send). Like GitHub: always HTTP 200; parse and
 * validation errors come without data, a missing repository as null data
 * with a NOT_FOUND error at its path.
 */
export function answerGraphql(
  sim: SimContext,
  rateLimiter: RateLimiter,
  body: Record<string, unknown>,
): HttpReply {
  return answerGraphqlQuery(SCHEMA, body, { sim, rateLimiter });
}

/** `POST /api/graphql`; its rate limit is counted by the server (see server.ts). */
export function createGithubGraphqlRouter(
  sim: SimContext,
  rateLimiter: RateLimiter,
): Router {
  const router = new Router();
  router.post(GITHUB_GRAPHQL_PATH, (ctx: RequestContext) =>
    answerGraphql(sim, rateLimiter, ctx.body),
  );
  return router;
}
