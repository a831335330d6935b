import express from 'express';
import Router from 'express-promise-router';
import { createComplianceRoutes } from './routes/complianceRoutes';
import { createEntityRoutes } from './routes/entityRoutes';
import { createRuleRoutes } from './routes/ruleRoutes';
import { createScanRoutes } from './routes/scanRoutes';
import type { RouteDependencies } from './routes/types';
import { createWaiverRoutes } from './routes/waiverRoutes';

/** The plugin's HTTP API: one route group per file under routes/. */
export function createRouter(deps: RouteDependencies): express.Router {
  const router = Router();
  router.use(express.json({ limit: '100kb' }));
  router.use(createEntityRoutes(deps));
  router.use(createScanRoutes(deps));
  router.use(createComplianceRoutes(deps));
  router.use(createRuleRoutes(deps));
  router.use(createWaiverRoutes(deps));
  return router;
}
