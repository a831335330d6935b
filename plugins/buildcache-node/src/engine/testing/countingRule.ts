import type { Rule } from '../ruleTypes';

/**
 * A rule that finds nothing and counts the analyses it takes part in (each
 * analysis runs every rule once): how tests see how often a repository is
 * analyzed.
 * @public
 */
export function createCountingRule(): { rule: Rule; analyses: () => number } {
  let n = 0;
  const rule: Rule = {
    meta: {
      id: 'X0001',
      target: 'dockerfile',
      name: 'counts analyses',
      severity: 'info',
      summary: '',
      rationale: '',
      recommendedFix: '',
      sources: [],
      fixable: false,
    },
    check: () => {
      n += 1;
      return [];
    },
  };
  return { rule, analyses: () => n };
}
