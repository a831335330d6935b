import type express from 'express';
import { NotFoundError } from '@backstage/errors';
import {
  buildcacheComplianceReadPermission,
  buildcacheScorecardReadPermission,
  buildcacheTicketCreatePermission,
} from '@buildcache/plugin-buildcache-common';
import { principalRef } from '../permissions/authorize';
import type { BuildcacheApiRouter } from '../schema/generated/openapi';
import type { RouteDependencies } from './types';
import { entityRefFromPath } from './entityRef';

/**
 * Tickets, fix pull requests and campaigns. Bodies are validated by the
 * OpenAPI router against src/schema/openapi.yaml; every filing is audited.
 */
export function registerTicketRoutes(
  router: BuildcacheApiRouter,
  deps: RouteDependencies,
) {
  router.post(
    '/v1/entities/:kind/:namespace/:name/tickets',
    async (req, res) => {
      const entityRef = entityRefFromPath(req.params);
      const credentials = await deps.authorizer.authorize(
        req,
        buildcacheTicketCreatePermission,
        entityRef,
      );
      const { kind, findings, dryRun } = req.body;
      const audit = await deps.auditor.createEvent({
        eventId: 'ticket-create',
        severityLevel: dryRun ? 'low' : 'medium',
        request: req as unknown as express.Request,
        meta: { entityRef, kind, dryRun: Boolean(dryRun) },
      });
      try {
        const result = await deps.tickets.request(
          { entityRef, kind, findings, dryRun },
          { credentials, actor: principalRef(credentials) },
        );
        await audit.success({
          meta: {
            outcome: result.outcome,
            tickets: result.tickets.map(t => t.url ?? t.id),
          },
        });
        res.status(result.outcome === 'created' ? 201 : 200).json(result);
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.get('/v1/tickets', async (req, res) => {
    const entityRef = req.query.entityRef.toLocaleLowerCase('en-US');
    await deps.authorizer.authorize(
      req,
      buildcacheScorecardReadPermission,
      entityRef,
    );
    res.json({ items: await deps.ticketStore.list({ entityRef }) });
  });

  router.post('/v1/campaigns', async (req, res) => {
    const credentials = await deps.authorizer.authorize(
      req,
      buildcacheComplianceReadPermission,
    );
    const { kind, filter, dryRun = false } = req.body;
    const audit = await deps.auditor.createEvent({
      eventId: 'campaign-create',
      severityLevel: dryRun ? 'low' : 'medium',
      request: req as unknown as express.Request,
      meta: { kind, filter: { ...filter }, dryRun },
    });
    try {
      const campaign = await deps.campaigns.start(
        { kind, filter, dryRun },
        {
          actor: principalRef(credentials),
          allowed: refs =>
            deps.authorizer.allowedAmong(
              req,
              buildcacheTicketCreatePermission,
              refs,
            ),
        },
      );
      await audit.success({ meta: { campaign: campaign.id } });
      res.status(dryRun ? 200 : 202).json(campaign);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/v1/campaigns/:id', async (req, res) => {
    await deps.authorizer.authorize(req, buildcacheComplianceReadPermission);
    const campaign = await deps.campaigns.get(req.params.id);
    if (!campaign) {
      throw new NotFoundError(`No campaign ${req.params.id}`);
    }
    res.json(campaign);
  });
}
