import { NotFoundError } from '@backstage/errors';
import { buildcacheScorecardReadPermission } from '@buildcache/plugin-buildcache-common';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import type { RouteDependencies } from './types';

/** Status of one scan, for clients polling a rescan they requested. */
export function registerScanRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.get('/v1/scans/:id', async (req, res) => {
    const { id } = req.params;
    const scan = await deps.store.getScan(id);
    if (!scan) {
      throw new NotFoundError(`No scan ${id}`);
    }
    await deps.authorizer.authorize(
      req,
      buildcacheScorecardReadPermission,
      scan.entityRef,
    );
    res.json(scan);
  });
}
