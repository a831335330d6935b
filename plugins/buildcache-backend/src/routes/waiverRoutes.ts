import { InputError, NotFoundError } from '@backstage/errors';
import {
  buildcacheComplianceReadPermission,
  buildcacheWaiverManagePermission,
} from '@buildcache/plugin-buildcache-common';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import { principalRef } from '../permissions/authorize';
import type { RouteDependencies } from './types';
import {
  createWaiverSchema,
  parseInput,
  waiverListQuerySchema,
  waiverPathSchema,
} from './validation';

/** Waivers: list, create and delete accepted findings. */
export function registerWaiverRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.get('/v1/waivers', async (req, res) => {
    const filter = parseInput(waiverListQuerySchema, req.query, 'query');
    await deps.authorizer.authorize(req, buildcacheComplianceReadPermission);
    res.json({ items: await deps.waivers.list(filter) });
  });

  router.post('/v1/waivers', async (req, res) => {
    const body = parseInput(createWaiverSchema, req.body, 'body');
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheWaiverManagePermission,
    );
    if (!deps.rules().some(rule => rule.id === body.ruleId)) {
      throw new InputError(
        `Invalid body parameters: ruleId: unknown rule ${body.ruleId}`,
      );
    }
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw new InputError(
        'Invalid body parameters: expiresAt: must be in the future',
      );
    }
    const createdBy = principalRef(credentials);
    const waiver = await deps.waivers.create({
      target: body.target,
      ruleId: body.ruleId,
      path: body.path ?? null,
      reason: body.reason,
      createdBy,
      expiresAt,
    });
    await deps.rescorer.rescore(await deps.rescorer.affectedBy(waiver.target));
    res.status(201).json(waiver);
  });

  router.delete('/v1/waivers/:id', async (req, res) => {
    const { id } = parseInput(waiverPathSchema, req.params, 'path');
    await deps.authorizer.authorize(req, buildcacheWaiverManagePermission);
    const waiver = await deps.waivers.get(id);
    if (!waiver) {
      throw new NotFoundError(`No waiver ${id}`);
    }
    await deps.waivers.delete(id);
    await deps.rescorer.rescore(await deps.rescorer.affectedBy(waiver.target));
    res.status(204).end();
  });
}
