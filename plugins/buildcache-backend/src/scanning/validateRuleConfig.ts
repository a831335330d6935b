import { InputError } from '@backstage/errors';
import type { Rule } from '@buildcache/plugin-buildcache-node';
import type { BuildcacheConfig } from '../config';

/** A typo in `buildcache.rules.<id>` fails start-up instead of doing nothing. */
export function validateRuleConfig(
  ruleConfig: BuildcacheConfig['ruleConfig'],
  rules: Rule[],
) {
  const known = new Set(rules.map(r => r.meta.id));
  const unknown = Object.keys(ruleConfig).filter(id => !known.has(id));
  if (unknown.length) {
    throw new InputError(
      `buildcache.rules names unknown rule ids: ${unknown.join(', ')}`,
    );
  }
}
