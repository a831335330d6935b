import type express from 'express';
import { buildcacheComplianceReadPermission } from '@buildcache/plugin-buildcache-common';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import { toCsv } from './csv';
import type { RouteDependencies } from './types';
import type { ServiceQuery } from '../database/ComplianceQueries';

/** CSV exports are bounded so one request cannot dump an unbounded table. */
const CSV_MAX_ROWS = 10_000;

/** Org-wide views: summary by owner/system/rule and the services table. */
export function registerComplianceRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.get('/v1/compliance/summary', async (req, res) => {
    const { groupBy, ...filter } = req.query;
    await deps.authorizer.authorize(req, buildcacheComplianceReadPermission);
    res.json(await deps.queries.summary(filter, groupBy ?? null, deps.rules()));
  });

  router.get('/v1/compliance/facets', async (req, res) => {
    await deps.authorizer.authorize(req, buildcacheComplianceReadPermission);
    res.json(await deps.queries.facets());
  });

  router.get('/v1/compliance/services', async (req, res) => {
    // the validator has applied the spec's defaults (orderBy, order, offset, limit)
    const query = req.query as ServiceQuery;
    await deps.authorizer.authorize(req, buildcacheComplianceReadPermission);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      const page = await deps.queries.allServices(query, CSV_MAX_ROWS);
      // the typed response only knows JSON bodies; CSV is the text/csv variant
      const plain = res as unknown as express.Response;
      plain.type('text/csv').attachment('buildcache-services.csv');
      plain.send(toCsv(page.items));
      return;
    }
    res.json(await deps.queries.listServices(query));
  });
}
