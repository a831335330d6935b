import type { Report } from '@buildcache/plugin-buildcache-common';
import type { FilePatch } from '../engine/combineFixes';
import type { AnalyzeOptions } from '../engine/analyzeFiles';
import type { RepoFile } from '../input/repoFile';

/**
 * The options of an analysis a worker thread makes: those of
 * analyzeRepository that can cross a thread (plain data), with the rules
 * named by id (built-in rules only: a worker cannot receive functions).
 * @public
 */
export type WorkerAnalyzeOptions = Pick<
  AnalyzeOptions,
  | 'root'
  | 'ruleConfig'
  | 'weights'
  | 'maxFileBytes'
  | 'presentDirectories'
  | 'skippedFiles'
> & {
  /** Ids of the built-in rules to run (the BC9xxx rules always run). */
  ruleIds: readonly string[];
};

/** What the pool posts to a worker. */
export interface AnalysisRequest {
  id: number;
  files: RepoFile[];
  options: WorkerAnalyzeOptions;
}

/**
 * A repository's report with every fix verified and its combined fixes, as
 * analyzeRepository and its combineFixes make them.
 * @public
 */
export interface WorkerAnalysis {
  report: Report;
  /** The combined fix of each file, or why combining failed. */
  combined: { patches: FilePatch[] } | { error: string };
}

/** What a worker posts back. */
export type AnalysisResponse =
  | { id: number; analysis: WorkerAnalysis }
  | { id: number; error: string };
