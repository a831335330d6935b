import { InputError, NotFoundError } from '@backstage/errors';
import {
  buildcacheComplianceReadPermission,
  buildcacheWaiverManagePermission,
} from '@buildcache/plugin-buildcache-common';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import { principalRef } from '../permissions/authorize';
import type { RouteDependencies } from './types';

/** Entity refs are stored lower-cased; `*` stays as it is. */
function normalizeTarget(target: string): string {
  return target === '*' ? target : target.toLocaleLowerCase('en-US');
}

/** Waivers: list, create and delete accepted findings. */
export function registerWaiverRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.get('/v1/waivers', async (req, res) => {
    const { target, ruleId } = req.query;
    const filter = { target: target && normalizeTarget(target), ruleId };
    await deps.authorizer.authorize(req, buildcacheComplianceReadPermission);
    res.json({ items: await deps.waivers.list(filter) });
  });

  router.post('/v1/waivers', async (req, res) => {
    const body = req.body;
    const reason = body.reason.trim();
    if (reason.length < 3) {
      throw new InputError(
        'request/body/reason must say why (at least 3 characters besides blanks)',
      );
    }
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheWaiverManagePermission,
    );
    if (!deps.rules().some(rule => rule.id === body.ruleId)) {
      throw new InputError(
        `request/body/ruleId names no known rule: ${body.ruleId}`,
      );
    }
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw new InputError('request/body/expiresAt must be in the future');
    }
    const createdBy = principalRef(credentials);
    const waiver = await deps.waivers.create({
      target: normalizeTarget(body.target),
      ruleId: body.ruleId,
      path: body.path ?? null,
      reason,
      createdBy,
      expiresAt,
    });
    await deps.rescorer.rescore(await deps.rescorer.affectedBy(waiver.target));
    res.status(201).json(waiver);
  });

  router.delete('/v1/waivers/:id', async (req, res) => {
    const { id } = req.params;
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
