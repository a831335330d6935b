import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  type GithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import {
  startBatchedCycle,
  type CycleHeads,
  type HeadBatch,
  type HeadLookup,
  type PlannedHead,
} from './headLookup';

export interface GithubHeadsOptions {
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  credentials?: GithubCredentialsProvider;
  /** Repositories per GraphQL query (default 100). */
  batchSize?: number;
  /** Queries in flight at once (default 4). */
  parallel?: number;
  /** Below this share of the GraphQL budget, the cycle stops asking (default 0.05). */
  reserveFraction?: number;
  /** For tests: the fetch Octokit uses. */
  fetch?: typeof fetch;
}

/** Where one source URL's head is, as GraphQL asks for it. */
export interface GithubHeadTarget {
  host: string;
  /** The GraphQL-capable API base (api.github.com, or GitHub Enterprise's /api/v3). */
  apiBaseUrl: string;
  owner: string;
  name: string;
  /** The branch of the URL; undefined for the default branch. */
  branch?: string;
}

const NAME = /^[A-Za-z0-9._-]+$/;
/** A ref GitHub might read as a commit sha (or its prefix) rather than a branch. */
const SHA_LIKE = /^[0-9a-f]{4,40}$/i;

/**
 * The repository and branch of a GitHub source URL, only for the URLs whose
 * ETag GitHub's URL reader provably takes from that branch's head:
 * `readTree` (backend-defaults 0.18) compares the ETag with the `sha` of
 * `GET {apiBaseUrl}/repos/{owner}/{repo}/commits/{ref}/status`, where `ref`
 * is git-url-parse's `ref` (the segment after `tree/` or `blob/`), or the
 * repository's `default_branch` when the URL has none. That sha is the head
 * commit of the branch, which GraphQL gives as `ref(...).target.oid` or
 * `defaultBranchRef.target.oid`.
 *
 * Anything this cannot prove equal is left to readTree (undefined): hosts
 * without a GitHub integration or with an API base that has no known
 * GraphQL endpoint, URLs with a query or fragment, more path segments than
 * owner/repo before `tree`/`blob`, a `.git` suffix, encoded characters,
 * refs that look like a commit sha or are `HEAD` (and, when queried, a
 * branch name that is also a tag name).
 */
export function githubHeadTarget(
  url: string,
  integrations: ScmIntegrationRegistry,
): GithubHeadTarget | undefined {
  const integration = integrations.github.byUrl(url);
  const apiBaseUrl = integration?.config.apiBaseUrl;
  if (!integration || !apiBaseUrl || !graphqlEndpoint(apiBaseUrl))
    return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.search || parsed.hash) return undefined;
  const segments = parsed.pathname.split('/').slice(1);
  if (segments[segments.length - 1] === '') segments.pop();
  const [owner, name, kind, branch] = segments;
  if (!owner || !name || !NAME.test(owner) || !NAME.test(name))
    return undefined;
  if (name.endsWith('.git') || name === '.' || name === '..') return undefined;
  const target = { host: integration.config.host, apiBaseUrl, owner, name };
  if (segments.length === 2) return target;
  if (
    (kind !== 'tree' && kind !== 'blob') ||
    !branch ||
    !NAME.test(branch) ||
    SHA_LIKE.test(branch) ||
    branch === 'HEAD'
  ) {
    return undefined;
  }
  return { ...target, branch };
}

/**
 * The GraphQL endpoint of a GitHub API base: api.github.com/graphql, or
 * GitHub Enterprise's /api/graphql for an /api/v3 base (Octokit derives the
 * same). Undefined for any other layout.
 */
export function graphqlEndpoint(apiBaseUrl: string): string | undefined {
  const base = apiBaseUrl.replace(/\/+$/, '');
  if (/^https:\/\/api\.github\.com$/i.test(base)) return `${base}/graphql`;
  if (/\/api\/v3$/.test(base))
    return base.replace(/\/api\/v3$/, '/api/graphql');
  return undefined;
}

type Batch = HeadBatch<GithubHeadTarget, Octokit>;

interface RepositoryAnswer {
  defaultBranchRef?: {
    target?: { __typename?: string; oid?: string } | null;
  } | null;
  head?: { target?: { __typename?: string; oid?: string } | null } | null;
  tag?: { name?: string } | null;
}

interface QueryAnswer {
  rateLimit?: { remaining?: number; limit?: number } | null;
  [alias: string]:
    | RepositoryAnswer
    | null
    | undefined
    | QueryAnswer['rateLimit'];
}

const EMPTY: ReadonlyMap<string, string> = new Map();

/** A GraphQL string literal (JSON's escaping is GraphQL's). */
const literal = (value: string) => JSON.stringify(value);

/** The query for a batch: one aliased `repository` field per repository. */
export function headsQuery(batch: Batch['entries']): string {
  const fields = batch.map(({ alias, target }) => {
    const refs = target.branch
      ? `head: ref(qualifiedName: ${literal(
          `refs/heads/${target.branch}`,
        )}) { target { __typename oid } } tag: ref(qualifiedName: ${literal(
          `refs/tags/${target.branch}`,
        )}) { name }`
      : 'defaultBranchRef { target { __typename oid } }';
    return `  ${alias}: repository(owner: ${literal(
      target.owner,
    )}, name: ${literal(target.name)}) { ${refs} }`;
  });
  return `query BuildcacheHeads {\n  rateLimit { remaining limit }\n${fields.join(
    '\n',
  )}\n}`;
}

function headOfAnswer(
  answer: RepositoryAnswer | null | undefined,
  target: GithubHeadTarget,
): string | undefined {
  if (!answer) return undefined;
  if (target.branch && answer.tag !== null) return undefined;
  const ref = target.branch ? answer.head : answer.defaultBranchRef;
  const commit = ref?.target;
  if (commit?.__typename !== 'Commit' || typeof commit.oid !== 'string')
    return undefined;
  return /^[0-9a-f]{40}$/i.test(commit.oid) ? commit.oid : undefined;
}

function isRateLimited(error: unknown): boolean {
  const e = error as {
    status?: number;
    errors?: Array<{ type?: string }>;
    message?: string;
  };
  return (
    e?.status === 429 ||
    (e?.status === 403 && /rate limit/i.test(e.message ?? '')) ||
    (e?.errors ?? []).some(x => x?.type === 'RATE_LIMITED')
  );
}

/**
 * Resolves the head commits of a cycle's GitHub repositories in batches
 * through the GraphQL API (one query per `batchSize` repositories,
 * `parallel` queries at once), so that the scan of an unchanged repository
 * costs no request of its own. Each batch's answer is used alone: a
 * failed query, a rate-limited one, a missing repository or a ref that is
 * not provably the reader's ETag (see githubHeadTarget) leaves its
 * repositories unresolved, and they are read as before. After a refusal
 * (401, 403, 404: no GraphQL on that GitHub Enterprise; a spent budget)
 * the host is not asked again in that cycle. Credentials are the URL
 * reader's (GitHub Apps or tokens); the GraphQL budget is separate from the
 * REST one, and the cycle stops asking when its `rateLimit` runs below the
 * reserve.
 */
export class GithubHeads implements HeadLookup {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #logger: LoggerService;
  readonly #credentials: GithubCredentialsProvider;
  readonly #batchSize: number;
  readonly #parallel: number;
  readonly #reserveFraction: number;
  readonly #fetch: typeof fetch | undefined;
  readonly #clients = new Map<string, Octokit>();

  constructor(options: GithubHeadsOptions) {
    this.#integrations = options.integrations;
    this.#logger = options.logger;
    this.#credentials =
      options.credentials ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
    this.#batchSize = Math.max(1, options.batchSize ?? 100);
    this.#parallel = Math.max(1, options.parallel ?? 4);
    this.#reserveFraction = options.reserveFraction ?? 0.05;
    this.#fetch = options.fetch;
  }

  startCycle(urls: readonly string[], timeoutMs: number): CycleHeads {
    return startBatchedCycle(urls, timeoutMs, {
      logger: this.#logger,
      batchSize: this.#batchSize,
      parallel: this.#parallel,
      aliasPrefix: 'r',
      plan: url => this.#plan(url),
      query: (batch, signal, refuse) => this.#query(batch, signal, refuse),
    });
  }

  /** Where a URL's head is: its repository, client and batch. */
  async #plan(
    url: string,
  ): Promise<PlannedHead<GithubHeadTarget, Octokit> | undefined> {
    const target = githubHeadTarget(url, this.#integrations);
    if (!target) return undefined;
    const { token } = await this.#credentials.getCredentials({ url });
    if (!token) return undefined;
    return {
      host: target.host,
      batchKey: `${target.apiBaseUrl}\n${token}`,
      targetKey: `${target.owner}/${target.name}\n${
        target.branch ?? ''
      }`.toLowerCase(),
      target,
      context: this.#client(target.apiBaseUrl, token),
    };
  }

  #client(apiBaseUrl: string, token: string): Octokit {
    const key = `${apiBaseUrl}\n${token}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = new Octokit({
        baseUrl: apiBaseUrl.replace(/\/+$/, ''),
        auth: token,
        ...(this.#fetch && { request: { fetch: this.#fetch } }),
      });
      this.#clients.set(key, client);
    }
    return client;
  }

  /** One batch's query: alias → head; empty on any doubt. */
  async #query(
    batch: Batch,
    signal: AbortSignal,
    refuse: (host: string) => void,
  ): Promise<ReadonlyMap<string, string>> {
    let data: QueryAnswer | undefined;
    const failed = new Set<string>();
    try {
      data = await batch.context.graphql<QueryAnswer>(
        headsQuery(batch.entries),
        {
          request: { signal },
        },
      );
    } catch (error) {
      const e = error as {
        name?: string;
        status?: number;
        data?: QueryAnswer;
        errors?: Array<{ type?: string; path?: unknown[] }>;
      };
      if (signal.aborted) return EMPTY;
      if (isRateLimited(error)) {
        refuse(batch.host);
        this.#logger.warn(
          `GitHub GraphQL rate limit of ${batch.host} spent: this cycle reads the remaining heads one by one`,
        );
        return EMPTY;
      }
      const errors = e.errors ?? [];
      if (
        e.name === 'GraphqlResponseError' &&
        errors.length &&
        errors.every(x => x?.type === 'NOT_FOUND' && Array.isArray(x.path))
      ) {
        // missing repositories: the others' answers stand
        for (const x of errors) failed.add(String(x.path![0]));
        data = e.data;
      } else {
        if (e.status === 401 || e.status === 403 || e.status === 404)
          refuse(batch.host);
        this.#logger.warn(
          `Batched head lookup of ${batch.entries.length} repositories on ${
            batch.host
          } failed, reading them one by one: ${stringifyError(error)}`,
        );
        return EMPTY;
      }
    }
    const heads = new Map<string, string>();
    for (const { alias, target } of batch.entries) {
      if (failed.has(alias)) continue;
      const head = headOfAnswer(data?.[alias] as RepositoryAnswer, target);
      if (head) heads.set(alias, head);
    }
    const rate = data?.rateLimit;
    if (
      typeof rate?.remaining === 'number' &&
      typeof rate.limit === 'number' &&
      rate.remaining < rate.limit * this.#reserveFraction
    ) {
      refuse(batch.host);
      this.#logger.info(
        `GitHub GraphQL budget of ${batch.host} low (${rate.remaining} of ${rate.limit}): the rest of this cycle reads heads one by one`,
      );
    }
    return heads;
  }
}
