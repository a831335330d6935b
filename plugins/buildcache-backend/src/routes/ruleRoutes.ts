import Router from 'express-promise-router';
import type { RouteDependencies } from './types';

/** The rule catalogue with docs, including rules added by modules. */
export function createRuleRoutes(deps: RouteDependencies) {
  const router = Router();
  router.get('/v1/rules', async (_req, res) => {
    res.json({ items: deps.rules() });
  });
  return router;
}
