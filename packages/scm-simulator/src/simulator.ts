import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ArchiveCache, ArchiveCacheOptions } from './archiveCache';
import { SimContext, SimulatorUrls } from './context';
import { FaultQueue } from './faults';
import { createGithubGraphqlRouter } from './github/graphql';
import { createGithubRawRouter, createGithubRouter } from './github/routes';
import { createGitlabGraphqlRouter } from './gitlab/graphql';
import { createGitlabRouter } from './gitlab/routes';
import { RateLimitOptions, RateLimiter } from './rateLimit';
import { RequestLog } from './requestLog';
import { createRequestListener } from './server';
import { RepositorySummary, SimulatorState } from './state';
import { NetworkProfile, NetworkShaper } from './network';
import { mergePull } from './store/issues';
import { FileMode } from './store/objects';
import { isValidRefName } from './store/paths';
import { seedFromDirectory } from './store/seed';
import { FileInput, FileWithMode, ScmStore, toChanges } from './store/store';
import { createWebRouter } from './web/views';

/** A repository to create: files inline, or every file under a directory. */
export interface SeedRepository {
  /** `owner/repo` (served by both APIs) or `group/sub/project` (GitLab only). */
  name: string;
  defaultBranch?: string;
  files?: Record<string, FileInput | FileWithMode>;
  /** Read recursively (skipping .git); merged under `files`. */
  directory?: string;
  private?: boolean;
  description?: string;
}

/** The simulator only ever listens on a loopback address. */
export type LoopbackHost = '127.0.0.1' | '::1' | 'localhost';

const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1', 'localhost'];

export interface ScmSimulatorOptions {
  /** Port of the main listener (GitHub, GitLab and web pages); 0 = random (default). */
  port?: number;
  /** Listen address: loopback only (default 127.0.0.1). */
  host?: LoopbackHost;
  /**
   * Also serve everything on a second port and use it for GitLab URLs, so
   * Backstage can tell the GitHub and GitLab integrations apart by host.
   * There, `/api/graphql` is GitLab's GraphQL API (GitHub's on the main port).
   */
  gitlabPort?: number;
  repositories?: SeedRepository[];
  /** When set, API requests must present this token (401 otherwise). */
  token?: string;
  /** GitHub primary rate limit budget (default 1,000,000 per hour). */
  rateLimit?: RateLimitOptions;
  /** GitHub GraphQL budget, in queries (default 1,000,000 per hour). */
  graphqlRateLimit?: Omit<RateLimitOptions, 'resource'>;
  /** Login that authors issues, comments and pull requests (default `scm-simulator`). */
  user?: string;
  /** How many requests the log keeps (default 10,000). */
  requestLogLimit?: number;
  /** Largest request body accepted (default 64 MiB). */
  maxBodyBytes?: number;
  /** Latency and bandwidth of every answer (default: none, plain loopback). */
  network?: NetworkProfile;
  /**
   * Serve each built tarball again instead of rebuilding it (`true`: in
   * memory, up to 256 MiB). Off by default.
   */
  archiveCache?: boolean | ArchiveCacheOptions;
}

export interface ScmSimulator {
  /** `http://127.0.0.1:PORT`: web pages, and both APIs. */
  readonly url: string;
  /** `${url}/api/v3` */
  readonly githubApiUrl: string;
  /** `${url}/raw`, for Backstage's GitHub `rawBaseUrl`. */
  readonly githubRawUrl: string;
  /** The GitLab origin: `url`, or the `gitlabPort` listener. */
  readonly gitlabUrl: string;
  /** `${gitlabUrl}/api/v4` */
  readonly gitlabApiUrl: string;
  readonly state: SimulatorState;
  readonly faults: FaultQueue;
  readonly rateLimit: RateLimiter;
  /** The GraphQL budget (`x-ratelimit-resource: graphql`), one point per query. */
  readonly graphqlRateLimit: RateLimiter;
  /** The network profile; `set` changes it for the following requests. */
  readonly network: NetworkShaper;
  /** The tarball cache, when enabled. */
  readonly archiveCache: ArchiveCache | undefined;
  addRepository(seed: SeedRepository): Promise<RepositorySummary>;
  /** Commits files (null removes one) to a branch, creating it from the default branch if needed; returns the sha. */
  commit(
    repo: string,
    branch: string,
    files: Record<string, FileInput | FileWithMode | null>,
    message?: string,
  ): string;
  /** Creates a branch at a ref (default: the default branch); returns its sha. */
  createBranch(repo: string, branch: string, from?: string): string;
  /** Merges an open pull / merge request into its base; returns the merge commit sha. */
  mergePullRequest(repo: string, number: number): string;
  /**
   * Renames a repository (same number of segments); the old name keeps
   * answering, as if the client followed GitHub's and GitLab's redirect,
   * until a repository is created under it.
   */
  renameRepository(repo: string, newName: string): RepositorySummary;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost =
        address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise(resolve => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function filesOf(seed: SeedRepository): Promise<SeedRepository['files']> {
  if (!seed.directory) return seed.files;
  return { ...(await seedFromDirectory(seed.directory)), ...seed.files };
}

/** Starts the simulator; resolves once it listens. */
export async function startScmSimulator(
  options: ScmSimulatorOptions = {},
): Promise<ScmSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.includes(host)) {
    throw new Error(`scm-simulator listens on loopback only, not on '${host}'`);
  }
  const store = new ScmStore();
  const faults = new FaultQueue();
  const rateLimiter = new RateLimiter(options.rateLimit);
  const graphqlRateLimiter = new RateLimiter({
    ...options.graphqlRateLimit,
    resource: 'graphql',
  });
  const log = new RequestLog(options.requestLogLimit);
  const network = new NetworkShaper(options.network);
  const archiveCache = options.archiveCache
    ? new ArchiveCache(
        options.archiveCache === true ? {} : options.archiveCache,
      )
    : undefined;
  const urls: SimulatorUrls = {
    githubWeb: '',
    githubApi: '',
    gitlabWeb: '',
    gitlabApi: '',
  };
  const sim: SimContext = {
    store,
    urls,
    user: options.user ?? 'scm-simulator',
    archives: archiveCache,
  };
  const routers = {
    github: [
      createGithubRouter(sim, rateLimiter),
      createGithubRawRouter(sim),
      createGithubGraphqlRouter(sim, graphqlRateLimiter),
    ],
    gitlab: [createGitlabRouter(sim), createGitlabGraphqlRouter(sim)],
    web: [createWebRouter(sim)],
  };
  const parts = {
    routers,
    faults,
    rateLimiter,
    graphqlRateLimiter,
    log,
    token: options.token,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
  };

  const state = new SimulatorState(store, log);
  const addRepository = async (seed: SeedRepository) => {
    const repo = store.addRepository({ ...seed, files: await filesOf(seed) });
    return state.repository(repo.id)!;
  };
  for (const seed of options.repositories ?? []) await addRepository(seed);

  const servers: Server[] = [];
  const mainServer = createServer(
    network.wrap(createRequestListener(parts, () => urls.githubWeb)),
  );
  servers.push(mainServer);
  urls.githubWeb = await listen(mainServer, options.port ?? 0, host);
  urls.gitlabWeb = urls.githubWeb;
  if (options.gitlabPort !== undefined) {
    const gitlabServer = createServer(
      network.wrap(
        createRequestListener(parts, () => urls.gitlabWeb, 'gitlab'),
      ),
    );
    servers.push(gitlabServer);
    try {
      urls.gitlabWeb = await listen(gitlabServer, options.gitlabPort, host);
    } catch (error) {
      await closeServer(mainServer);
      throw error;
    }
  }
  urls.githubApi = `${urls.githubWeb}/api/v3`;
  urls.gitlabApi = `${urls.gitlabWeb}/api/v4`;

  return {
    url: urls.githubWeb,
    githubApiUrl: urls.githubApi,
    githubRawUrl: `${urls.githubWeb}/raw`,
    gitlabUrl: urls.gitlabWeb,
    gitlabApiUrl: urls.gitlabApi,
    state,
    faults,
    rateLimit: rateLimiter,
    graphqlRateLimit: graphqlRateLimiter,
    network,
    archiveCache,
    addRepository,
    commit(repoName, branch, files, message = 'Update files') {
      const repo = store.requireRepository(repoName);
      return store.commitToBranch(repo, branch, toChanges(files), message).sha;
    },
    createBranch(repoName, branch, from) {
      const repo = store.requireRepository(repoName);
      if (store.branchSha(repo, branch)) {
        throw new Error(
          `Branch '${branch}' already exists in ${repo.fullName}`,
        );
      }
      const sha = store.resolveRef(repo, from ?? repo.defaultBranch);
      if (!sha) throw new Error(`Unknown ref '${from}' in ${repo.fullName}`);
      if (!isValidRefName(branch))
        throw new Error(`Invalid branch name '${branch}'`);
      store.setRef(repo, `refs/heads/${branch}`, sha);
      return sha;
    },
    mergePullRequest(repoName, number) {
      const repo = store.requireRepository(repoName);
      const issue = repo.issues.get(number);
      if (!issue?.pull)
        throw new Error(`${repo.fullName} has no pull request #${number}`);
      return mergePull(store, repo, issue).sha;
    },
    renameRepository(repoName, newName) {
      const repo = store.renameRepository(repoName, newName);
      return state.repository(repo.id)!;
    },
    async close() {
      await Promise.all(servers.map(closeServer));
    },
  };
}

export type { FileMode };
