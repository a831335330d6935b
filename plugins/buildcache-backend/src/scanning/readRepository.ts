import type {
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';
import { NotModifiedError, stringifyError } from '@backstage/errors';
import {
  isAnalyzerCandidate,
  type RepoFile,
  type SkippedFile,
} from '@buildcache/plugin-buildcache-node';
import type { ReadBudget } from './githubRateBudget';
import {
  classifyReadFailure,
  retryRead,
  type ReadRetryOptions,
} from './readRetry';
import { observeScmRefusals } from './scmRefusals';

export interface RepositoryTree {
  /** The build files read. */
  files: RepoFile[];
  /** Build files found but not read (BC9002), with why. */
  skipped: SkippedFile[];
  /** Top-level directories seen in the tree (e.g. `.git`, `node_modules`). */
  presentDirectories: string[];
  etag: string;
  /** The commit when the reader's ETag is one (GitHub, GitLab, ...). */
  commitSha: string | null;
  bytesRead: number;
}

export interface ReadLimits {
  maxFileBytes: number;
  maxFiles: number;
  /**
   * Bound of each network phase of a read: the lookup (ETag check and the
   * start of the archive download), and the download with extraction.
   */
  timeoutMs: number;
}

/** Permits for the part of a read that moves bytes (see `downloads`). */
export interface DownloadSlots {
  acquire(): Promise<() => void>;
}

export interface ReadOptions {
  /** Waits for the SCM's API budget before each read (see GithubRateBudget). */
  budget?: ReadBudget;
  /**
   * Bounds how many archives are downloaded and extracted at once. The
   * lookups before (one or two small API requests, usually answered "not
   * modified") do not hold a slot, so a scan can check more repositories at
   * once than it downloads.
   */
  downloads?: DownloadSlots;
  /** The retry policy (defaults in readRetry.ts). */
  retry?: ReadRetryOptions;
  /** Hears of each retry, with a line to log. */
  onRetry?: (message: string) => void;
}

const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/** Races `work` against a timer that aborts `controller` and rejects. */
async function bounded<T>(
  work: Promise<T>,
  ms: number,
  controller: AbortController,
  message: () => string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // Not every reader honours the abort signal: the race bounds the wait anyway.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(message()));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads only the build files of a repository through the URL reader, passing
 * the previous ETag so an unchanged repository is neither downloaded nor
 * analyzed again. Returns 'unchanged' in that case.
 *
 * The archive is never held whole: the reader's `files()` streams it
 * through the tar parser, and the filter keeps only analyzer candidates
 * (bounded by `maxFileBytes` and `maxFiles`); everything else (vendored
 * trees, binaries) is skipped as it streams by. Build files over `maxFiles`
 * are counted, not listed: the first of them stands for all in one skipped
 * entry, so what a repository adds to the report is bounded too.
 *
 * A failed lookup or download is tried again under the read retry policy
 * (see readRetry.ts), from the start: 5xx, network failures and rate limits
 * wait (as the SCM asks, else exponential backoff) and retry; other errors
 * fail at once. The timeout bounds the lookup and, separately, the download
 * with extraction; retries only start within the timeout, and the whole
 * read, retries included, ends within twice the timeout (the bound of one
 * lookup and download). A rate-limit refusal also tells the budget, which
 * then recounts before the next read (and waits for the reset when the
 * token's budget is spent).
 */
export async function readRepositoryTree(
  reader: UrlReaderService,
  url: string,
  previousEtag: string | null,
  limits: ReadLimits,
  options: ReadOptions = {},
): Promise<RepositoryTree | 'unchanged'> {
  observeScmRefusals();
  const now = options.retry?.now ?? Date.now;
  // the read's clock: waits for the rate-limit budget or a download slot
  // do not count
  const started = now();
  let waits = 0;
  const clock = {
    now,
    phaseMs: () =>
      Math.max(
        1,
        Math.min(
          limits.timeoutMs,
          started + waits + 2 * limits.timeoutMs - now(),
        ),
      ),
    waited: (ms: number) => {
      waits += ms;
    },
  };
  try {
    return await retryRead(
      () => readOnce(reader, url, previousEtag, limits, options, clock),
      {
        ...options.retry,
        deadline: () => started + waits + limits.timeoutMs,
        classify: (error, since, nowMs) => {
          const failure = classifyReadFailure(error, since, nowMs);
          // a spent budget (a 403 is one, unless it asks for a wait): the
          // budget knows when it refills, and its next acquire waits for it
          if (
            failure?.kind === 'rate-limit' &&
            options.budget &&
            (failure.budgetSpent ||
              (failure.status === 403 && failure.askedMs === undefined))
          ) {
            return { ...failure, askedMs: 0 };
          }
          return failure;
        },
        onRetry: (failure, waitMs, error) => {
          if (failure.kind === 'rate-limit') options.budget?.rateLimited(url);
          options.onRetry?.(
            `Retrying the read of ${url} in ${Math.ceil(
              waitMs / 1000,
            )} s: ${stringifyError(error)}`,
          );
        },
      },
    );
  } catch (error) {
    if (NotModifiedError.is(error)) return 'unchanged';
    throw error;
  }
}

/** One attempt of readRepositoryTree; `clock.phaseMs()` bounds each phase. */
async function readOnce(
  reader: UrlReaderService,
  url: string,
  previousEtag: string | null,
  limits: ReadLimits,
  options: ReadOptions,
  clock: {
    now(): number;
    phaseMs(): number;
    waited(ms: number): void;
  },
): Promise<RepositoryTree> {
  const presentDirectories = new Set<string>();
  const skipped: SkippedFile[] = [];
  let accepted = 0;
  let overLimit = 0;
  let firstOverLimit: string | undefined;
  const controller = new AbortController();
  const filter = (path: string, info?: { size: number }) => {
    const slash = path.indexOf('/');
    if (slash > 0) presentDirectories.add(path.slice(0, slash));
    if (!isAnalyzerCandidate(path)) return false;
    const tooLarge = info !== undefined && info.size > limits.maxFileBytes;
    // at most maxFiles analyzed, and at most maxFiles listed as too large
    if (
      tooLarge ? skipped.length >= limits.maxFiles : accepted >= limits.maxFiles
    ) {
      overLimit += 1;
      firstOverLimit ??= path;
      return false;
    }
    if (tooLarge) {
      skipped.push({ path, reason: 'too-large' });
      return false;
    }
    accepted += 1;
    return true;
  };

  const waitStarted = clock.now();
  const release = (await options.budget?.acquire(url)) ?? (() => {});
  clock.waited(clock.now() - waitStarted);
  const lookupMs = clock.phaseMs();
  let response: UrlReaderServiceReadTreeResponse;
  try {
    response = await bounded(
      reader.readTree(url, {
        etag: previousEtag ?? undefined,
        signal: controller.signal,
        filter,
      }),
      lookupMs,
      controller,
      () => `Reading ${url} timed out after ${Math.round(lookupMs / 1000)}s`,
    );
  } finally {
    release();
  }

  const slotWanted = clock.now();
  const releaseSlot = (await options.downloads?.acquire()) ?? (() => {});
  clock.waited(clock.now() - slotWanted);
  const files: RepoFile[] = [];
  let bytesRead = 0;
  try {
    const extraction = (async () => {
      for (const entry of await response.files()) {
        const content = await entry.content();
        bytesRead += content.length;
        files.push({ path: entry.path, content });
      }
    })();
    extraction.catch(() => {}); // settled below, or abandoned on timeout
    const downloadMs = clock.phaseMs();
    await bounded(
      extraction,
      downloadMs,
      controller,
      () =>
        `Downloading ${url} timed out after ${Math.round(downloadMs / 1000)}s`,
    );
  } finally {
    releaseSlot();
  }
  if (firstOverLimit !== undefined) {
    skipped.push({
      path: firstOverLimit,
      reason: 'too-many-files',
      detail:
        overLimit === 1
          ? `is over the limit of ${limits.maxFiles} build files per repository (buildcache.limits.maxFiles)`
          : `is the first of ${overLimit} build files over the limit of ${limits.maxFiles} per repository (buildcache.limits.maxFiles), none of which was analyzed`,
    });
  }
  return {
    files,
    skipped,
    presentDirectories: [...presentDirectories].sort(),
    etag: response.etag,
    commitSha: COMMIT_SHA.test(response.etag) ? response.etag : null,
    bytesRead,
  };
}

/** `count` download slots, handed out first come, first served. */
export function createDownloadSlots(count: number): DownloadSlots {
  let free = Math.max(1, count);
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    async acquire() {
      if (free > 0) free -= 1;
      else await new Promise<void>(resolve => waiting.push(resolve));
      let released = false;
      return () => {
        if (!released) release();
        released = true;
      };
    },
  };
}
