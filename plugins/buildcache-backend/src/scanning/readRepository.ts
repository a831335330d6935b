import type {
  UrlReaderService,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import {
  isAnalyzerCandidate,
  type RepoFile,
} from '@buildcache/plugin-buildcache-node';
import { isRateLimitError, type ReadBudget } from './githubRateBudget';

export interface RepositoryTree {
  files: RepoFile[];
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
 * trees, binaries) is skipped as it streams by. The timeout bounds the
 * lookup and, separately, the download with extraction. A read refused by
 * the rate limit is retried once, after the budget says it may go on.
 */
export async function readRepositoryTree(
  reader: UrlReaderService,
  url: string,
  previousEtag: string | null,
  limits: ReadLimits,
  options: ReadOptions = {},
): Promise<RepositoryTree | 'unchanged'> {
  const presentDirectories = new Set<string>();
  const skipped: Array<{
    path: string;
    reason: 'too-large' | 'too-many-files';
  }> = [];
  let accepted = 0;
  const controller = new AbortController();
  const seconds = Math.round(limits.timeoutMs / 1000);
  const lookup = async (): Promise<UrlReaderServiceReadTreeResponse> => {
    const release = (await options.budget?.acquire(url)) ?? (() => {});
    try {
      return await bounded(
        reader.readTree(url, {
          etag: previousEtag ?? undefined,
          signal: controller.signal,
          filter: (path, info) => {
            const slash = path.indexOf('/');
            if (slash > 0) presentDirectories.add(path.slice(0, slash));
            if (!isAnalyzerCandidate(path)) return false;
            if (info && info.size > limits.maxFileBytes) {
              skipped.push({ path, reason: 'too-large' });
              return false;
            }
            if (accepted >= limits.maxFiles) {
              skipped.push({ path, reason: 'too-many-files' });
              return false;
            }
            accepted += 1;
            return true;
          },
        }),
        limits.timeoutMs,
        controller,
        () => `Reading ${url} timed out after ${seconds}s`,
      );
    } finally {
      release();
    }
  };

  let response: UrlReaderServiceReadTreeResponse;
  try {
    try {
      response = await lookup();
    } catch (error) {
      if (!options.budget || !isRateLimitError(error)) throw error;
      options.budget.rateLimited(url);
      response = await lookup();
    }
  } catch (error) {
    if (NotModifiedError.is(error)) {
      return 'unchanged';
    }
    throw error;
  }

  const releaseSlot = (await options.downloads?.acquire()) ?? (() => {});
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
    await bounded(
      extraction,
      limits.timeoutMs,
      controller,
      () => `Downloading ${url} timed out after ${seconds}s`,
    );
  } finally {
    releaseSlot();
  }
  // Skipped files still reach the analyzer, empty, so it reports them as
  // skipped (BC9002) instead of silently ignoring them.
  for (const { path, reason } of skipped) {
    files.push({ path, content: Buffer.alloc(0), skippedReason: reason });
  }
  return {
    files,
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
