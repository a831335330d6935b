import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError } from '@backstage/errors';
import {
  isAnalyzerCandidate,
  type RepoFile,
} from '@buildcache/plugin-buildcache-node';

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
  timeoutMs: number;
}

const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/**
 * Reads only the build files of a repository through the URL reader, passing
 * the previous ETag so an unchanged repository is neither downloaded nor
 * analyzed again. Returns 'unchanged' in that case.
 */
export async function readRepositoryTree(
  reader: UrlReaderService,
  url: string,
  previousEtag: string | null,
  limits: ReadLimits,
): Promise<RepositoryTree | 'unchanged'> {
  const presentDirectories = new Set<string>();
  const skipped: Array<{
    path: string;
    reason: 'too-large' | 'too-many-files';
  }> = [];
  let accepted = 0;
  const controller = new AbortController();
  const signal = controller.signal;
  let timer: NodeJS.Timeout | undefined;
  // Not every reader honours the abort signal: the race bounds the wait anyway.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new Error(
          `Reading ${url} timed out after ${Math.round(
            limits.timeoutMs / 1000,
          )}s`,
        ),
      );
    }, limits.timeoutMs);
  });
  let response;
  try {
    response = await Promise.race([
      timeout,
      reader.readTree(url, {
        etag: previousEtag ?? undefined,
        signal,
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
    ]);
  } catch (error) {
    if (NotModifiedError.is(error)) {
      return 'unchanged';
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const entries = await response.files();
  const files: RepoFile[] = [];
  let bytesRead = 0;
  for (const entry of entries) {
    const content = await entry.content();
    bytesRead += content.length;
    files.push({ path: entry.path, content });
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
