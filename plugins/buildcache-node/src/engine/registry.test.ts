import { defaultRules } from '../rules';
import { createRuleRegistry } from './registry';
import type { Rule } from './ruleTypes';

describe('createRuleRegistry', () => {
  it('lists rules by id', () => {
    const registry = createRuleRegistry(defaultRules);
    expect(registry.get('BC1001')?.meta.name).toBe('apt-without-cache-mount');
    expect(registry.rules.map(r => r.meta.id)).toEqual(
      [...defaultRules.map(r => r.meta.id)].sort(),
    );
    expect(registry.list()).toEqual(registry.rules);
  });

  it('throws naming the duplicate id', () => {
    const copy: Rule = {
      ...defaultRules[0],
      meta: { ...defaultRules[0].meta },
    };
    expect(() => createRuleRegistry([...defaultRules, copy])).toThrow(/BC1001/);
  });
});
