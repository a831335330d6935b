import { createHash } from 'node:crypto';
import type { RepoFile } from '../input/repoFile';
import type { Analysis } from './verifyFixes';

/** Analyses of one repository, memoized by their exact input. */
export interface AnalysisCache {
  /** The analysis of these files: computed once per distinct input. */
  analyze(files: readonly RepoFile[]): Analysis;
  /** Records an analysis computed elsewhere (with the same options). */
  seed(files: readonly RepoFile[], analysis: Analysis): void;
  /** Analyses computed, and answered from the cache. */
  readonly stats: { computed: number; reused: number };
}

/**
 * Memoizes `analyze` (one options object, so a pure function of the files)
 * by its exact input: every file's path, bytes and skip reason, in order.
 * Checking the fixes of a report and combining them analyze many of the
 * same inputs (the unchanged repository, a file with one fix applied); with
 * one cache for both, each is analyzed once. Contents are hashed once per
 * buffer.
 */
export function createAnalysisCache(
  analyze: (files: readonly RepoFile[]) => Analysis,
): AnalysisCache {
  const hashes = new WeakMap<Buffer, string>();
  const analyses = new Map<string, Analysis>();
  const stats = { computed: 0, reused: 0 };
  const hashOf = (content: Buffer): string => {
    let hash = hashes.get(content);
    if (hash === undefined) {
      hash = createHash('sha256').update(content).digest('base64');
      hashes.set(content, hash);
    }
    return hash;
  };
  // null (never cached) for input that is not plain files: the analyzer
  // copes with it, the key could not tell it apart
  const keyOf = (files: readonly RepoFile[]): string | null => {
    const parts: unknown[] = [];
    for (const f of files) {
      if (typeof f?.path !== 'string' || !Buffer.isBuffer(f.content))
        return null;
      parts.push(f.path, hashOf(f.content), f.skippedReason ?? null);
    }
    return JSON.stringify(parts);
  };
  return {
    stats,
    analyze(files) {
      const key = keyOf(files);
      const known = key === null ? undefined : analyses.get(key);
      if (known) {
        stats.reused += 1;
        return known;
      }
      stats.computed += 1;
      const analysis = analyze(files);
      if (key !== null) analyses.set(key, analysis);
      return analysis;
    },
    seed(files, analysis) {
      const key = keyOf(files);
      if (key !== null) analyses.set(key, analysis);
    },
  };
}
