import type { RuleInfo } from '@buildcache/plugin-buildcache-common';
import {
  analyzeFiles,
  renderRuleDoc,
  type Rule,
} from '@buildcache/plugin-buildcache-node';
import type { BuildcacheConfig } from '../config';
import type { AnalyzeTree } from './ScanRunner';

/** The analyzer configured with every registered rule and the config. */
export function createTreeAnalyzer(
  rules: Rule[],
  config: Pick<BuildcacheConfig, 'ruleConfig' | 'weights' | 'maxFileBytes'>,
): AnalyzeTree {
  return (tree, root) =>
    analyzeFiles(tree.files, {
      root,
      rules,
      ruleConfig: config.ruleConfig,
      weights: config.weights,
      maxFileBytes: config.maxFileBytes,
      presentDirectories: tree.presentDirectories,
    });
}

/** The rule catalogue as served by GET /v1/rules. */
export function describeRules(rules: Rule[]): RuleInfo[] {
  return rules.map(rule => {
    const { id, name, severity, summary, rationale, recommendedFix, sources } =
      rule.meta;
    return {
      id,
      name,
      severity,
      summary,
      rationale,
      recommendedFix,
      sources,
      docs: renderRuleDoc(rule.meta),
    };
  });
}
