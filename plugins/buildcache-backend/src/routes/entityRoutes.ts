import {
  buildcacheScanCreatePermission,
  buildcacheScorecardReadPermission,
} from '@buildcache/plugin-buildcache-common';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import type { RouteDependencies } from './types';
import { entityRefFromPath } from './entityRef';

const ENTITY_PATH = '/v1/entities/:kind/:namespace/:name';

/** Per-service routes: scorecard, fix patch, source files, history and user-requested scans. */
export function registerEntityRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.get(`${ENTITY_PATH}/scorecard`, async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheScorecardReadPermission,
      entityRef,
    );
    const target = await deps.scorecards.getTarget(entityRef, credentials);
    res.json(await deps.scorecards.getScorecard(target));
  });

  router.get(`${ENTITY_PATH}/fix.patch`, async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheScorecardReadPermission,
      entityRef,
    );
    const target = await deps.scorecards.getTarget(entityRef, credentials);
    const { files } = await deps.scorecards.getScorecard(target);
    const name = entityRef.replace(/[^a-z0-9._-]+/g, '-');
    // attachment() guesses a type from the name: set the real one after it
    res
      .attachment(`${name}.buildcache.patch`)
      .type('text/x-diff')
      .send(files.map(f => f.combinedFix?.diff ?? '').join(''));
  });

  router.get(`${ENTITY_PATH}/source`, async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheScorecardReadPermission,
      entityRef,
    );
    const target = await deps.scorecards.getTarget(entityRef, credentials);
    res.json(await deps.sources.read(target, req.query.path));
  });

  router.get(`${ENTITY_PATH}/history`, async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    // the spec's default (100) is applied by the validator
    const limit = req.query.limit ?? 100;
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheScorecardReadPermission,
      entityRef,
    );
    await deps.scorecards.getTarget(entityRef, credentials);
    res.json({ items: await deps.store.getHistory(entityRef, limit) });
  });

  router.post(`${ENTITY_PATH}/scan`, async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheScanCreatePermission,
      entityRef,
    );
    const target = await deps.scorecards.getTarget(entityRef, credentials);
    const scanId = await deps.runner.requestScan(target);
    const scan = await deps.store.getScan(scanId);
    res.status(202).json({ scanId, status: scan?.status ?? 'queued' });
  });
}
