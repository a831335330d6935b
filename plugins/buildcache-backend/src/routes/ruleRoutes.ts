import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import type { RouteDependencies } from './types';

/** The rule catalogue with docs, including rules added by modules. */
export function registerRuleRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.get('/v1/rules', async (_req, res) => {
    res.json({ items: deps.rules() });
  });
}
