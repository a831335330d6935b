import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { ComplianceQueries } from './database/ComplianceQueries';
import { applyDatabaseMigrations } from './database/migrations';
import { ScanStore } from './database/ScanStore';
import { claim, finding, report } from './database/testData';
import { createAuthorizer } from './permissions/authorize';
import { createRouter } from './router';
import { ScorecardService } from './service/ScorecardService';

jest.setTimeout(60_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: {
      'backstage.io/source-location':
        'url:https://github.com/acme/payments/tree/main/',
    },
  },
  spec: {
    owner: 'team-a',
    system: 'shop',
    type: 'service',
    lifecycle: 'production',
  },
};

describe('createRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(options: { deny?: string[] } = {}) {
    const knex = await databases.init('SQLITE_3');
    await applyDatabaseMigrations(knex);
    const store = new ScanStore(knex);
    const integrations = ScmIntegrations.fromConfig(
      mockServices.rootConfig({ data: {} }),
    );
    const scorecards = new ScorecardService({
      store,
      catalog: catalogServiceMock({ entities: [entity] }),
      integrations,
    });
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: options.deny?.includes(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        })) as any,
    });
    const runner = {
      requestScan: jest.fn(async () =>
        claim(store, {
          entityRef: 'component:default/payments',
          trigger: 'user',
          sourceUrl: null,
        }),
      ),
    };
    const router = createRouter({
      store,
      queries: new ComplianceQueries(knex),
      runner,
      scorecards,
      authorizer: createAuthorizer({
        httpAuth: mockServices.httpAuth(),
        permissions,
      }),
      rules: () => [
        {
          id: 'BC1005',
          name: 'package-install-without-cache-mount',
          severity: 'warning',
          summary: 's',
          rationale: 'r',
          recommendedFix: 'f',
          sources: [],
          docs: '# BC1005',
        },
      ],
    });
    const app = express().use(router).use(mockErrorHandler());
    return { app, store, runner };
  }

  async function seedScan(store: ScanStore) {
    const scorecardTarget = {
      entityRef: 'component:default/payments',
      title: 'payments',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      sourceUrl: 'https://github.com/acme/payments/tree/main/',
    };
    await store.upsertServices([scorecardTarget]);
    const scanId = await claim(store, {
      entityRef: scorecardTarget.entityRef,
      trigger: 'schedule',
      sourceUrl: scorecardTarget.sourceUrl,
    });
    await store.completeSucceeded(scanId, scorecardTarget.entityRef, {
      etag: 'f'.repeat(40),
      commitSha: 'f'.repeat(40),
      bytesRead: 10,
      report: report(
        [finding({ message: '<script>alert(1)</script> in RUN' })],
        92,
        'Gold',
      ),
    });
    return scanId;
  }

  it('serves a scorecard with SCM links to each finding line', async () => {
    const { app, store } = await setup();
    await seedScan(store);
    const res = await request(app).get(
      '/v1/entities/component/default/payments/scorecard',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments',
      score: 92,
      level: 'Gold',
      commit: 'f'.repeat(40),
      stale: false,
      counts: { error: 0, warning: 1, info: 0 },
      files: [
        {
          path: 'Dockerfile',
          kind: 'dockerfile',
          url: 'https://github.com/acme/payments/tree/main/Dockerfile',
        },
      ],
    });
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        ruleId: 'BC1005',
        line: 4,
        message: '<script>alert(1)</script> in RUN',
        url: 'https://github.com/acme/payments/tree/main/Dockerfile#L4',
        waiver: null,
      }),
    ]);
  });

  it('serves an empty scorecard for a known but never scanned entity', async () => {
    const { app } = await setup();
    const res = await request(app).get(
      '/v1/entities/Component/default/payments/scorecard',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      score: null,
      level: null,
      lastScan: null,
      findings: [],
    });
  });

  it('answers 404 for an unknown entity and 400 naming a malformed ref part', async () => {
    const { app } = await setup();
    const missing = await request(app).get(
      '/v1/entities/component/default/nope/scorecard',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/component:default\/nope/);
    const bad = await request(app).get(
      '/v1/entities/component/default/bad%20name/scorecard',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/name: must contain only/);
  });

  it('serves history and validates its limit', async () => {
    const { app, store } = await setup();
    await seedScan(store);
    const res = await request(app).get(
      '/v1/entities/component/default/payments/history?limit=5',
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { scannedAt: expect.any(String), score: 92, level: 'Gold' },
    ]);
    const bad = await request(app).get(
      '/v1/entities/component/default/payments/history?limit=0',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit/);
  });

  it('queues a scan with 202 and serves its status', async () => {
    const { app, runner } = await setup();
    const res = await request(app).post(
      '/v1/entities/component/default/payments/scan',
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ scanId: expect.any(String), status: 'queued' });
    expect(runner.requestScan).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments' }),
    );
    const status = await request(app).get(`/v1/scans/${res.body.scanId}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      id: res.body.scanId,
      status: 'queued',
    });
    expect((await request(app).get('/v1/scans/not-a-uuid')).status).toBe(400);
    expect(
      (await request(app).get('/v1/scans/6f1c1c1e-8f7e-4a59-9a8e-2d7b6f0f7a10'))
        .status,
    ).toBe(404);
  });

  it('refuses a rescan without the permission', async () => {
    const { app, runner } = await setup({ deny: ['buildcache.scan.create'] });
    const res = await request(app).post(
      '/v1/entities/component/default/payments/scan',
    );
    expect(res.status).toBe(403);
    expect(runner.requestScan).not.toHaveBeenCalled();
  });

  it('serves the compliance summary and services, as JSON and CSV', async () => {
    const { app, store } = await setup();
    await seedScan(store);
    const summary = await request(app).get(
      '/v1/compliance/summary?groupBy=owner',
    );
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      services: 1,
      meanScore: 92,
      groupBy: 'owner',
    });
    expect(summary.body.adoption).toEqual([
      { ruleId: 'BC1005', applicable: 1, passing: 0, percent: 0 },
    ]);

    const services = await request(app).get(
      '/v1/compliance/services?owner=group:default/team-a&orderBy=score&order=desc',
    );
    expect(services.status).toBe(200);
    expect(services.body).toMatchObject({
      totalCount: 1,
      items: [{ entityRef: 'component:default/payments', score: 92 }],
    });

    const csv = await request(app)
      .get('/v1/compliance/services')
      .set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[1]).toBe(
      `component:default/payments,payments,group:default/team-a,system:default/shop,92,Gold,0,1,0,false,${services.body.items[0].scannedAt}`,
    );

    const bad = await request(app).get(
      '/v1/compliance/services?level=Platinum&limit=9999',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/level/);
    expect(bad.body.error.message).toMatch(/limit/);
    expect(
      (await request(app).get('/v1/compliance/summary?groupBy=team')).status,
    ).toBe(400);
  });

  it('hides compliance views without the permission', async () => {
    const { app } = await setup({ deny: ['buildcache.compliance.read'] });
    expect((await request(app).get('/v1/compliance/summary')).status).toBe(403);
  });

  it('lists the rules', async () => {
    const { app } = await setup();
    const res = await request(app).get('/v1/rules');
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual(['BC1005']);
  });
});
