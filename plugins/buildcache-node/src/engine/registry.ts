import type { Rule } from './ruleTypes';

/** Rules by id, rejecting duplicates (like tech-insights' fact retriever registry). @public */
export interface RuleRegistry {
  /** Every rule, sorted by id. */
  readonly rules: Rule[];
  get(id: string): Rule | undefined;
  list(): Rule[];
}

/** Creates a registry; throws an Error naming the duplicate id when two rules share one. @public */
export function createRuleRegistry(rules: readonly Rule[]): RuleRegistry {
  const byId = new Map<string, Rule>();
  for (const rule of rules) {
    const id = rule?.meta?.id;
    if (typeof id !== 'string' || id === '') {
      throw new Error('buildcache rule without a meta.id');
    }
    if (byId.has(id)) {
      throw new Error(
        `Duplicate buildcache rule id ${id}: rule ids must be unique`,
      );
    }
    byId.set(id, rule);
  }
  const sorted = [...byId.values()].sort((a, b) =>
    a.meta.id < b.meta.id ? -1 : 1,
  );
  return {
    rules: sorted,
    get: id => byId.get(id),
    list: () => [...sorted],
  };
}
