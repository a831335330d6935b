import type { RuleInfo } from '@buildcache/plugin-buildcache-common';
import { createHash } from 'node:crypto';
import {
  ANALYZER_VERSION,
  analyzeRepository,
  combineFixes,
  defaultRules,
  type AnalysisPool,
  type WorkerAnalysis,
  renderRuleDoc,
  builtInRuleExample,
  type AnalyzeOptions,
  type FilePatch,
  type RepositoryAnalysis,
  type Rule,
} from '@buildcache/plugin-buildcache-node';
import type { BuildcacheConfig } from '../config';
import type { StoredCombinedFix } from '../database/ScanStore';
import type { RepositoryTree } from './readRepository';
import type { AnalyzeTree, CombineTree } from './ScanRunner';

type AnalyzerConfig = Pick<
  BuildcacheConfig,
  'ruleConfig' | 'weights' | 'maxFileBytes'
>;

/** Analyzer options for a tree: the config and what the read found. */
function treeOptions(
  config: AnalyzerConfig,
  tree: RepositoryTree,
  root: string,
): Omit<AnalyzeOptions, 'rules'> {
  return {
    root,
    ruleConfig: config.ruleConfig,
    weights: config.weights,
    maxFileBytes: config.maxFileBytes,
    presentDirectories: tree.presentDirectories,
    skippedFiles: tree.skipped,
  };
}

/** Analyzer options for a tree: every registered rule and the config. */
function optionsFor(
  rules: Rule[],
  config: AnalyzerConfig,
  tree: RepositoryTree,
  root: string,
): AnalyzeOptions {
  return { ...treeOptions(config, tree, root), rules };
}

/** The configured analyzer: the report of a tree, then its combined fixes. */
export interface TreeAnalysis {
  analyze: AnalyzeTree;
  combine: CombineTree;
}

const BUILT_IN_RULES = new Set<Rule>(defaultRules);

/**
 * {@link createTreeAnalysis} on the pool's worker threads: the same report
 * and combined fixes, made in one request per tree. Built-in rules only
 * (rules are code, which cannot cross to a worker).
 */
function createWorkerTreeAnalysis(
  rules: Rule[],
  config: AnalyzerConfig,
  pool: Pick<AnalysisPool, 'analyze'>,
): TreeAnalysis {
  const ruleIds = rules.map(rule => rule.meta.id);
  // the combined fixes the worker made with the report, per tree
  const pending = new WeakMap<RepositoryTree, WorkerAnalysis['combined']>();
  return {
    analyze: async (tree, root) => {
      const { report, combined } = await pool.analyze(tree.files, {
        ...treeOptions(config, tree, root),
        ruleIds,
      });
      pending.set(tree, combined);
      return report;
    },
    combine: tree => {
      const combined = pending.get(tree);
      pending.delete(tree);
      if (!combined) throw new Error('the tree was not analyzed');
      if ('error' in combined) throw new Error(combined.error);
      return storedFixesOf(combined.patches);
    },
  };
}

/**
 * The analyzer configured with every registered rule and the config: the
 * report of a tree (with every fix verified) and the combined fix of each
 * of its files (see combineFixes in the analyzer), from one pass over the
 * tree: `combine` reuses the analyses `analyze` made of the same tree.
 * With `pool`, both are made on its worker threads when every rule is
 * built-in; rules from other modules keep the analysis on this thread.
 */
export function createTreeAnalysis(
  rules: Rule[],
  config: AnalyzerConfig,
  pool?: Pick<AnalysisPool, 'analyze'> | null,
): TreeAnalysis {
  if (pool && rules.every(rule => BUILT_IN_RULES.has(rule)))
    return createWorkerTreeAnalysis(rules, config, pool);
  // what analyze left for combine, per tree (freed with the tree)
  const pending = new WeakMap<RepositoryTree, RepositoryAnalysis>();
  return {
    analyze: (tree, root) => {
      const analysis = analyzeRepository(
        tree.files,
        optionsFor(rules, config, tree, root),
      );
      pending.set(tree, analysis);
      return analysis.report;
    },
    combine: (tree, root) => {
      const analysis = pending.get(tree);
      pending.delete(tree);
      const { patches } = analysis
        ? analysis.combineFixes()
        : combineFixes(tree.files, optionsFor(rules, config, tree, root));
      return storedFixesOf(patches);
    },
  };
}

/** Combined fixes as the store keeps them, by file path. */
export function storedFixesOf(
  patches: readonly FilePatch[],
): Map<string, StoredCombinedFix> {
  return new Map(
    patches.map(p => [
      p.path,
      { diff: p.diff, fixes: p.fixed.length, before: p.before, after: p.after },
    ]),
  );
}

/**
 * A hash of what decides an analysis result besides the repository: the
 * analyzer version, the rules and their configuration, the weights.
 */
export function analysisKeyOf(rules: Rule[], config: AnalyzerConfig): string {
  const sorted = (value: object) =>
    Object.fromEntries(
      Object.entries(value).sort(([a], [b]) => a.localeCompare(b)),
    );
  return createHash('sha256')
    .update(
      JSON.stringify({
        analyzer: ANALYZER_VERSION,
        rules: rules.map(r => `${r.meta.id}:${r.meta.severity}`).sort(),
        ruleConfig: sorted(config.ruleConfig),
        weights: sorted(config.weights),
        maxFileBytes: config.maxFileBytes,
      }),
    )
    .digest('hex')
    .slice(0, 32);
}

/** The rule catalogue as served by GET /v1/rules. */
export function describeRules(rules: Rule[]): RuleInfo[] {
  return rules.map(rule => {
    const example = builtInRuleExample(rule.meta.id);
    const {
      id,
      target,
      name,
      severity,
      summary,
      rationale,
      recommendedFix,
      sources,
    } = rule.meta;
    return {
      id,
      target,
      name,
      severity,
      summary,
      rationale,
      recommendedFix,
      sources,
      // the portal shows the example itself (as text and a diff view)
      docs: renderRuleDoc(rule.meta, null),
      ...(example && { example }),
    };
  });
}
