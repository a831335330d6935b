import {
  buildcacheScanCreatePermission,
  buildcacheScorecardReadPermission,
} from '@buildcache/plugin-buildcache-common';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import type { RouteDependencies } from './types';
import { entityRefFromPath } from './entityRef';

const ENTITY_PATH = '/v1/entities/:kind/:namespace/:name';

/** Per-service routes: scorecard, fix patch, source files, history and user-requested scans. */
export function registerEntityRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  /** The route's service, once the caller holds `permission` on it. */
  const serviceOf = async (
    req: Parameters<RouteDependencies['authorizer']['authorize']>[0] & {
      params: { kind: string; namespace: string; name: string };
    },
    permission: ResourcePermission,
  ) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await deps.authorizer.authorize(
      req,
      permission,
      entityRef,
    );
    const target = await deps.scorecards.getTarget(entityRef, credentials);
    return { entityRef, target };
  };

  router.get(`${ENTITY_PATH}/scorecard`, async (req, res) => {
    const { target } = await serviceOf(req, buildcacheScorecardReadPermission);
    res.json(await deps.scorecards.getScorecard(target));
  });

  router.get(`${ENTITY_PATH}/fix.patch`, async (req, res) => {
    const { entityRef, target } = await serviceOf(
      req,
      buildcacheScorecardReadPermission,
    );
    const { files } = await deps.scorecards.getScorecard(target);
    const name = entityRef.replace(/[^a-z0-9._-]+/g, '-');
    // attachment() guesses a type from the name: set the real one after it
    res
      .attachment(`${name}.buildcache.patch`)
      .type('text/x-diff')
      .send(files.map(f => f.combinedFix?.diff ?? '').join(''));
  });

  router.get(`${ENTITY_PATH}/source`, async (req, res) => {
    const { target } = await serviceOf(req, buildcacheScorecardReadPermission);
    res.json(await deps.sources.read(target, req.query.path));
  });

  router.get(`${ENTITY_PATH}/history`, async (req, res) => {
    const { entityRef } = await serviceOf(
      req,
      buildcacheScorecardReadPermission,
    );
    // the spec's default (100) is applied by the validator
    const limit = req.query.limit ?? 100;
    res.json({ items: await deps.store.getHistory(entityRef, limit) });
  });

  router.post(`${ENTITY_PATH}/scan`, async (req, res) => {
    const { target } = await serviceOf(req, buildcacheScanCreatePermission);
    const scanId = await deps.runner.requestScan(target);
    const scan = await deps.store.getScan(scanId);
    res.status(202).json({ scanId, status: scan?.status ?? 'queued' });
  });
}
