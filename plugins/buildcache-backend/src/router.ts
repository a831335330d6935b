import express from 'express';
import { registerComplianceRoutes } from './routes/complianceRoutes';
import { registerEntityRoutes } from './routes/entityRoutes';
import { registerFindingRoutes } from './routes/findingsRoutes';
import { registerRuleRoutes } from './routes/ruleRoutes';
import { registerScanRoutes } from './routes/scanRoutes';
import { registerTicketRoutes } from './routes/ticketRoutes';
import type { RouteDependencies } from './routes/types';
import { registerWaiverRoutes } from './routes/waiverRoutes';
import { rejectUnknownBodyKeys } from './routes/unknownBodyKeys';
import { createOpenApiRouter, spec } from './schema/generated/openapi';

/**
 * The plugin's HTTP API, validated against src/schema/openapi.yaml (also
 * served at /openapi.json): one route group per file under routes/. The
 * validator checks every parameter and body, converts query numbers and
 * applies the spec's defaults, so handlers read typed values directly.
 */
export async function createRouter(
  deps: RouteDependencies,
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    middleware: [express.json(), rejectUnknownBodyKeys(spec)],
    validatorOptions: {
      // report every bad parameter at once, not only the first
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });
  registerEntityRoutes(router, deps);
  registerScanRoutes(router, deps);
  registerComplianceRoutes(router, deps);
  registerFindingRoutes(router, deps);
  registerRuleRoutes(router, deps);
  registerWaiverRoutes(router, deps);
  registerTicketRoutes(router, deps);
  return router;
}
