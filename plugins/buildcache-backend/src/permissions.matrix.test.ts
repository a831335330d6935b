import { TestDatabases } from '@backstage/backend-test-utils';
import { buildcachePermissions } from '@buildcache/plugin-buildcache-common';
import request from 'supertest';
import { finding } from './database/testData';
import { spec } from './schema/generated/openapi';
import { RecordingProvider } from './tickets/testing/RecordingProvider';
import {
  createRouterHarness,
  seedService,
} from './__testUtils__/routerHarness';
import { pollUntil } from './__testUtils__/testBackend';

/**
 * The permission boundary as a matrix: every operation of the OpenAPI spec
 * against every permission of the plugin. Denying an operation's permission
 * answers 403 and changes nothing; denying any other permission does not
 * stop it. A new operation fails this test until it is listed here, and a
 * mutating one must name a permission.
 */

const ENTITY = '/v1/entities/component/default/payments';
const FIX = {
  diff: '--- a/Dockerfile\n+++ b/Dockerfile\n',
  fixes: 1,
  before: 'FROM python\n',
  after: '# syntax=docker/dockerfile:1\nFROM python\n',
};

type Call = {
  method: 'get' | 'post' | 'delete';
  path: (ids: {
    scanId: string;
    waiverId: string;
    campaignId: string;
  }) => string;
  body?: object;
  /** The permission it checks; null for reads open to any signed-in user. */
  permission: string | null;
};

const MATRIX: Record<string, Call> = {
  GetScorecard: {
    method: 'get',
    path: () => `${ENTITY}/scorecard`,
    permission: 'buildcache.scorecard.read',
  },
  GetCombinedPatch: {
    method: 'get',
    path: () => `${ENTITY}/fix.patch`,
    permission: 'buildcache.scorecard.read',
  },
  GetSourceFile: {
    method: 'get',
    path: () => `${ENTITY}/source?path=Dockerfile`,
    permission: 'buildcache.scorecard.read',
  },
  GetHistory: {
    method: 'get',
    path: () => `${ENTITY}/history`,
    permission: 'buildcache.scorecard.read',
  },
  RequestScan: {
    method: 'post',
    path: () => `${ENTITY}/scan`,
    permission: 'buildcache.scan.create',
  },
  GetScan: {
    method: 'get',
    path: ({ scanId }) => `/v1/scans/${scanId}`,
    permission: 'buildcache.scorecard.read',
  },
  GetComplianceSummary: {
    method: 'get',
    path: () => '/v1/compliance/summary',
    permission: 'buildcache.compliance.read',
  },
  GetComplianceFacets: {
    method: 'get',
    path: () => '/v1/compliance/facets',
    permission: 'buildcache.compliance.read',
  },
  ListComplianceServices: {
    method: 'get',
    path: () => '/v1/compliance/services',
    permission: 'buildcache.compliance.read',
  },
  ExportFindings: {
    method: 'get',
    path: () => '/v1/compliance/findings',
    permission: 'buildcache.compliance.read',
  },
  ListRules: { method: 'get', path: () => '/v1/rules', permission: null },
  ListWaivers: {
    method: 'get',
    path: () => '/v1/waivers',
    permission: 'buildcache.compliance.read',
  },
  CreateWaiver: {
    method: 'post',
    path: () => '/v1/waivers',
    body: {
      target: 'component:default/payments',
      ruleId: 'BC1005',
      reason: 'accepted for the matrix',
    },
    permission: 'buildcache.waiver.manage',
  },
  DeleteWaiver: {
    method: 'delete',
    path: ({ waiverId }) => `/v1/waivers/${waiverId}`,
    permission: 'buildcache.waiver.manage',
  },
  CreateTicket: {
    method: 'post',
    path: () => `${ENTITY}/tickets`,
    body: { kind: 'issue' },
    permission: 'buildcache.ticket.create',
  },
  ListTickets: {
    method: 'get',
    path: () =>
      `/v1/tickets?entityRef=${encodeURIComponent(
        'component:default/payments',
      )}`,
    permission: 'buildcache.scorecard.read',
  },
  CreateCampaign: {
    method: 'post',
    path: () => '/v1/campaigns',
    body: { kind: 'issue', filter: {}, dryRun: true },
    permission: 'buildcache.compliance.read',
  },
  GetCampaign: {
    method: 'get',
    path: ({ campaignId }) => `/v1/campaigns/${campaignId}`,
    permission: 'buildcache.compliance.read',
  },
};

const operations = Object.entries(spec.paths).flatMap(([, methods]) =>
  Object.entries(methods as Record<string, { operationId: string }>).map(
    ([method, op]) => ({ method, operationId: op.operationId }),
  ),
);

describe('permission matrix', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('lists every operation of the spec, and every mutation names a permission', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(
      operations.map(o => o.operationId).sort(),
    );
    const mutationsWithout = operations
      .filter(o => o.method !== 'get' && !MATRIX[o.operationId].permission)
      .map(o => o.operationId);
    expect(mutationsWithout).toEqual([]);
    const known = buildcachePermissions.map(p => p.name);
    const unknown = Object.values(MATRIX)
      .map(call => call.permission)
      .filter(name => name !== null && !known.includes(name));
    expect(unknown).toEqual([]);
  });

  async function harnessDenying(deny: string[]) {
    const knex = await databases.init('SQLITE_3');
    const provider = new RecordingProvider();
    const harness = await createRouterHarness(knex, { deny: [], provider });
    const scanId = await seedService(
      harness,
      'payments',
      [finding()],
      92,
      'Gold',
      'group:default/team-a',
      new Map([['Dockerfile', FIX]]),
    );
    const waiverId = (
      await request(harness.app)
        .post('/v1/waivers')
        .send(MATRIX.CreateWaiver.body!)
    ).body.id;
    const campaignId = (
      await request(harness.app)
        .post('/v1/campaigns')
        .send(MATRIX.CreateCampaign.body!)
    ).body.id;
    // the same database, now behind a router that denies `deny`
    const denied = await createRouterHarness(knex, { deny, provider });
    return { ...denied, provider, ids: { scanId, waiverId, campaignId } };
  }

  const send = (app: any, call: Call, ids: any) => {
    const req = request(app)[call.method](call.path(ids));
    return call.body ? req.send(call.body) : req;
  };

  describe.each(Object.entries(MATRIX))('%s', (operationId, call) => {
    const others = buildcachePermissions
      .map(p => p.name)
      .filter(name => name !== call.permission);

    if (call.permission) {
      it(`answers 403 without ${call.permission}, and changes nothing`, async () => {
        const { app, ids, ticketStore, waivers, provider } =
          await harnessDenying([call.permission!]);
        const before = {
          tickets: (await ticketStore.list({})).length,
          waivers: (await waivers.list()).length,
        };
        const res = await send(app, call, ids);
        expect([operationId, res.status]).toEqual([operationId, 403]);
        expect(res.body.error.name).toBe('NotAllowedError');
        expect({
          tickets: (await ticketStore.list({})).length,
          waivers: (await waivers.list()).length,
        }).toEqual(before);
        expect(provider.calls).toEqual([]);
      });
    }

    it('is not stopped by any other permission', async () => {
      const { app, ids } = await harnessDenying(others);
      const res = await send(app, call, ids);
      expect([operationId, res.status]).not.toEqual([operationId, 403]);
      expect(res.status).toBeLessThan(500);
    });
  });

  it('a campaign files nothing for services the caller may not file for', async () => {
    const { app, provider, ticketStore } = await harnessDenying([
      'buildcache.ticket.create',
    ]);
    const res = await request(app)
      .post('/v1/campaigns')
      .send({ kind: 'issue', filter: {} });
    expect(res.status).toBe(202);
    const done = await pollCampaign(app, res.body.id);
    expect(done.results).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments',
        outcome: 'skipped',
        reason: expect.stringContaining('buildcache.ticket.create'),
      }),
    ]);
    expect(provider.calls).toEqual([]);
    expect(await ticketStore.list({})).toEqual([]);
  });
});

function pollCampaign(app: any, id: string) {
  return pollUntil(
    async () => (await request(app).get(`/v1/campaigns/${id}`)).body,
    campaign => campaign.status !== 'running',
  );
}
