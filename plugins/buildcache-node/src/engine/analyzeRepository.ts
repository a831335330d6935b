import type { Report } from '@buildcache/plugin-buildcache-common';
import type { RepoFile } from '../input/repoFile';
import { createAnalysisCache } from './analysisCache';
import { analyzeOnce } from './analyzeFiles';
import { createParseCache } from './parseCache';
import {
  combineAnalyzed,
  type CombinedFixes,
  type CombineOptions,
} from './combineFixes';
import { verifyFixes } from './verifyFixes';

/** A repository analyzed for its report and, on demand, its combined fixes. @public */
export interface RepositoryAnalysis {
  /** What {@link analyzeFiles} returns for the same files and options. */
  report: Report;
  /**
   * What {@link combineFixes} returns for the same files and options,
   * starting from this analysis: the first analysis and every re-analysis
   * that checking the report's fixes made are not made again.
   */
  combineFixes(): CombinedFixes;
}

/**
 * {@link analyzeFiles} and {@link combineFixes} in one pass: the report's
 * fixes are checked and the fixes are combined over one set of analyses,
 * memoized by their exact input (each distinct set of file contents is
 * analyzed once), sharing the parses of unchanged files (parseCache.ts). The results are those of the two functions.
 * @public
 */
export function analyzeRepository(
  files: RepoFile[],
  options: CombineOptions = {},
): RepositoryAnalysis {
  const input = Array.isArray(files) ? files : [];
  const quiet = { ...options, onNotice: undefined };
  const parses = createParseCache();
  const cache = createAnalysisCache(f => analyzeOnce(f, quiet, parses));
  const first = analyzeOnce(input, options, parses);
  cache.seed(input, first);
  const report =
    options.verifyFixes === false
      ? first.report
      : verifyFixes(first, input, cache.analyze);
  return {
    report,
    combineFixes: () => combineAnalyzed(input, options, first, cache.analyze),
  };
}
