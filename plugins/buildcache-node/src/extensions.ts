import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Rule } from './engine/ruleTypes';

/** Lets backend modules add custom buildcache rules. @public */
export interface BuildcacheRulesExtensionPoint {
  addRules(...rules: Rule[]): void;
}

/** Extension point `buildcache.rules`, provided by the buildcache backend plugin. @public */
export const buildcacheRulesExtensionPoint =
  createExtensionPoint<BuildcacheRulesExtensionPoint>({
    id: 'buildcache.rules',
  });
