import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  getGitLabIntegrationRelativePath,
  getGitLabRequestOptions,
  type GitLabIntegration,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  startBatchedCycle,
  type CycleHeads,
  type HeadBatch,
  type HeadLookup,
  type PlannedHead,
} from './headLookup';

export interface GitlabHeadsOptions {
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  /**
   * Projects per GraphQL query (default 25). GitLab refuses queries above a
   * complexity of 250 (authenticated); one project costs about 7 (project,
   * repository, tree and lastCommit, the last two calling Gitaly), so at
   * most 35.
   */
  batchSize?: number;
  /** Queries in flight at once (default 4). */
  parallel?: number;
}

/** Where one source URL's ETag is, as GraphQL asks for it. */
export interface GitlabHeadTarget {
  host: string;
  /** `{baseUrl}/api/graphql` of the URL's integration. */
  graphqlUrl: string;
  /** The project's full path (`group/sub/project`), relative path stripped. */
  fullPath: string;
  /** The ref of the URL; undefined for the default branch. */
  ref?: string;
  /** The folder or file of the URL; '' for the whole repository. */
  path: string;
}

/** One plain path segment: no encoding, no pathspec magic, no `.`/`..`. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** A ref GitLab might read as a commit sha (or its prefix) rather than a branch. */
const SHA_LIKE = /^[0-9a-f]{4,64}$/i;
/** Segments git-url-parse treats as markers after the project path. */
const MARKERS = new Set([
  '-',
  'blob',
  'tree',
  'commit',
  'issues',
  'src',
  'raw',
  'edit',
]);
/** Hosts git-url-parse parses its own way. */
const SPECIAL_SOURCES =
  /(^|\.)(visualstudio\.com|azure\.com|cloudforge\.com)$/i;

/** Paths git-url-parse reads as Bitbucket Server's. */
const BITBUCKET = /(projects|users)\/.*?\/repos\//;

/**
 * The project, ref and path of a GitLab source URL, only for the URL shapes
 * whose ETag provably matches what GraphQL answers.
 *
 * GitLab's URL reader (`readTree`, backend-defaults 0.18) parses the URL
 * with git-url-parse into `full_name`, `ref` and `filepath`, strips the
 * integration's relative path from the full name, and takes as ETag the
 * `id` of the first commit of `GET {apiBaseUrl}/projects/{full name}/
 * repository/commits?ref_name={ref or the project's default_branch}
 * [&path={filepath}]`: `git log -1 <ref> -- <path>`, or the ref's head
 * without a path. This mirrors git-url-parse (15) for two shapes only,
 * rejecting anything it would read differently:
 *
 * - `/group[/sub…]/project[/]`: no marker segment anywhere; the default
 *   branch, no path;
 * - `/group[/sub…]/project/-/tree|blob/<ref>[/<path…>][/]`: the first `-`
 *   at the third segment or later and no marker before it; `ref` is the
 *   one segment after `tree`/`blob`, the rest is the path.
 *
 * Every segment must be a plain name (no percent-encoding: git-url-parse
 * decodes, GraphQL would not; no glob characters: GitLab's GraphQL uses a
 * literal pathspec, REST may not), with no query or fragment, on a host
 * and path git-url-parse has no special rules for (Azure, CloudForge,
 * Bitbucket Server). Refs that look like a commit sha
 * or are `HEAD` are left to readTree. Both APIs resolve the ref through the
 * same Gitaly revision lookup, so a branch that is also a tag name reads
 * the same on both.
 */
export function gitlabHeadTarget(
  url: string,
  integrations: ScmIntegrationRegistry,
): GitlabHeadTarget | undefined {
  const integration = integrations.gitlab.byUrl(url);
  if (!integration) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.search || parsed.hash || SPECIAL_SOURCES.test(parsed.hostname))
    return undefined;
  const segments = parsed.pathname.split('/').slice(1);
  if (segments[segments.length - 1] === '') segments.pop();
  if (!segments.every(s => s === '-' || SEGMENT.test(s))) return undefined;
  // git-url-parse's Bitbucket Server rules
  if (segments[0] === 'scm' || BITBUCKET.test(parsed.pathname))
    return undefined;
  const dash = segments.indexOf('-');
  const projectEnd = dash === -1 ? segments.length : dash;
  if (segments.slice(0, projectEnd).some(s => MARKERS.has(s))) return undefined;
  let ref: string | undefined;
  let path = '';
  if (dash !== -1) {
    const [kind, named, ...rest] = segments.slice(dash + 1);
    if (dash < 2 || (kind !== 'tree' && kind !== 'blob') || !named)
      return undefined;
    if (SHA_LIKE.test(named) || named === 'HEAD') return undefined;
    ref = named;
    path = rest.join('/');
  }
  const fullPath = stripRelativePath(
    segments.slice(0, projectEnd),
    integration,
  );
  if (!fullPath) return undefined;
  return {
    host: integration.config.host,
    graphqlUrl: graphqlUrl(integration),
    fullPath,
    ...(ref !== undefined && { ref }),
    path,
  };
}

/** The project path without the integration's relative path, as the reader strips it. */
function stripRelativePath(
  project: string[],
  integration: GitLabIntegration,
): string | undefined {
  const relative = getGitLabIntegrationRelativePath(integration.config)
    .split('/')
    .filter(Boolean);
  if (relative.some((s, i) => project[i] !== s)) return undefined;
  const rest = project.slice(relative.length);
  return rest.length >= 2 ? rest.join('/') : undefined;
}

/** GitLab's GraphQL endpoint: `{baseUrl}/api/graphql`. */
export function graphqlUrl(integration: GitLabIntegration): string {
  return `${integration.config.baseUrl.replace(/\/+$/, '')}/api/graphql`;
}

type Batch = HeadBatch<GitlabHeadTarget, GitLabIntegration>;

/** A GraphQL string literal (JSON's escaping is GraphQL's). */
const literal = (value: string) => JSON.stringify(value);

/**
 * The query for a batch: one aliased `project` per target, asking for the
 * last commit of the URL's path on its ref. The root is asked as `/`:
 * GitLab's lastCommit resolver then asks Gitaly without a path, so a head
 * merge commit is returned as REST returns it (with '' some versions give
 * the last commit that changed the tree, skipping such a merge: the values
 * then differ and the service is read).
 */
export function gitlabHeadsQuery(batch: Batch['entries']): string {
  const fields = batch.map(({ alias, target }) => {
    const args = [
      ...(target.ref !== undefined ? [`ref: ${literal(target.ref)}`] : []),
      `path: ${literal(target.path || '/')}`,
    ].join(', ');
    return `  ${alias}: project(fullPath: ${literal(
      target.fullPath,
    )}) { repository { tree(${args}) { lastCommit { sha } } } }`;
  });
  return `query BuildcacheHeads {\n${fields.join('\n')}\n}`;
}

interface ProjectAnswer {
  repository?: {
    tree?: { lastCommit?: { sha?: unknown } | null } | null;
  } | null;
}

interface GraphqlAnswer {
  data?: Record<string, ProjectAnswer | null> | null;
  errors?: Array<{ message?: string; path?: unknown[] }>;
}

const EMPTY: ReadonlyMap<string, string> = new Map();
const SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * Resolves the ETags of a cycle's GitLab projects in batches through
 * GitLab's GraphQL API (`tree(ref, path) { lastCommit { sha } }` for up to
 * `batchSize` projects per query, `parallel` queries at once), so that
 * the scan of an unchanged project costs no request of its own (readTree
 * costs two: the project, for its default branch, and its commits).
 *
 * Why the values are the reader's ETag: GitLab's `Tree.lastCommit` is
 * `Gitlab::Git::Commit.last_for_path(repository, ref, path)`, Gitaly's
 * LastCommitForPath, i.e. `git log -1 <ref> -- <path>` with a literal
 * pathspec (GraphQL reference: "Last commit for the tree"; GitLab's
 * LastCommitResolver), which is the first commit the REST commits
 * endpoint lists for `ref_name` and `path`. For the root the resolver
 * sends no path to Gitaly (for `/`), which is the ref's head, as REST
 * without `path`. Where a GitLab version differs (a root lastCommit that
 * skips a merge commit changing nothing), the value is not the stored
 * ETag and the project is read; an equal value still proves the content
 * at that path unchanged since the scan that stored it.
 *
 * Each batch's answer is used alone: a failed query (HTTP error, GraphQL
 * errors without data, complexity refused) leaves its projects to
 * readTree; a missing project (null: GitLab does not tell missing from
 * forbidden) or a field error drops that project only. After 401, 403,
 * 404 (no GraphQL) or 429 the host is not asked again in that cycle.
 * Credentials are the integration's token, sent as the reader sends it;
 * requests go through the integration's fetch (its retries and throttle).
 */
export class GitlabHeads implements HeadLookup {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #logger: LoggerService;
  readonly #batchSize: number;
  readonly #parallel: number;

  constructor(options: GitlabHeadsOptions) {
    this.#integrations = options.integrations;
    this.#logger = options.logger;
    this.#batchSize = Math.min(35, Math.max(1, options.batchSize ?? 25));
    this.#parallel = Math.max(1, options.parallel ?? 4);
  }

  startCycle(urls: readonly string[], timeoutMs: number): CycleHeads {
    return startBatchedCycle(urls, timeoutMs, {
      logger: this.#logger,
      batchSize: this.#batchSize,
      parallel: this.#parallel,
      aliasPrefix: 'p',
      plan: async url => this.#plan(url),
      query: (batch, signal, refuse) => this.#query(batch, signal, refuse),
    });
  }

  #plan(
    url: string,
  ): PlannedHead<GitlabHeadTarget, GitLabIntegration> | undefined {
    const target = gitlabHeadTarget(url, this.#integrations);
    const integration = this.#integrations.gitlab.byUrl(url);
    const token = integration?.config.token;
    if (!target || !integration || !token) return undefined;
    return {
      host: target.host,
      batchKey: `${target.graphqlUrl}\n${token}`,
      targetKey: `${target.fullPath.toLowerCase()}\n${target.ref ?? ''}\n${
        target.path
      }`,
      target,
      context: integration,
    };
  }

  /** One batch's query: alias → last commit; empty on any doubt. */
  async #query(
    batch: Batch,
    signal: AbortSignal,
    refuse: (host: string) => void,
  ): Promise<ReadonlyMap<string, string>> {
    const integration = batch.context;
    const failed = (reason: string) => {
      this.#logger.warn(
        `Batched head lookup of ${batch.entries.length} projects on ${batch.host} failed, reading them one by one: ${reason}`,
      );
      return EMPTY;
    };
    let answer: GraphqlAnswer;
    try {
      const response = await integration.fetch(graphqlUrl(integration), {
        method: 'POST',
        headers: {
          ...getGitLabRequestOptions(integration.config).headers,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ query: gitlabHeadsQuery(batch.entries) }),
        signal,
      });
      if (!response.ok) {
        if ([401, 403, 404, 429].includes(response.status)) refuse(batch.host);
        return failed(`HTTP ${response.status} ${response.statusText}`);
      }
      answer = (await response.json()) as GraphqlAnswer;
    } catch (error) {
      if (signal.aborted) return EMPTY;
      return failed(stringifyError(error));
    }
    const data = answer?.data;
    if (!data || typeof data !== 'object') {
      return failed(
        (answer?.errors ?? [])
          .map(e => e?.message)
          .filter(Boolean)
          .join('; ') || 'no data',
      );
    }
    // a field error spoils only the project it is under
    const spoiled = new Set(
      (answer.errors ?? []).map(e =>
        Array.isArray(e?.path) ? String(e.path[0]) : '',
      ),
    );
    if (spoiled.has('')) return failed('an error without a path');
    const heads = new Map<string, string>();
    for (const { alias } of batch.entries) {
      if (spoiled.has(alias)) continue;
      const sha = data[alias]?.repository?.tree?.lastCommit?.sha;
      if (typeof sha === 'string' && SHA.test(sha)) heads.set(alias, sha);
    }
    return heads;
  }
}
