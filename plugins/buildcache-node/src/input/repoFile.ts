import type { SkipReason } from './decodeFile';

/** One file of a repository: a posix path relative to the repo root, and its bytes. @public */
export interface RepoFile {
  path: string;
  content: Buffer;
  /**
   * Set by a reader that found the file but did not read it (e.g. over a size
   * or count limit); the analyzer reports it as skipped (BC9002).
   */
  skippedReason?: SkipReason;
}
