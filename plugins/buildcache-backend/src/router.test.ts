import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import type { ScanStore } from './database/ScanStore';
import { finding } from './database/testData';
import {
  createRouterHarness,
  seedService,
} from './__testUtils__/routerHarness';

describe('createRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(options: { deny?: string[] } = {}) {
    return createRouterHarness(await databases.init('SQLITE_3'), options);
  }

  const seedScan = (store: ScanStore) =>
    seedService({ store }, 'payments', [
      finding({ message: '<script>alert(1)</script> in RUN' }),
    ]);

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
          url: 'https://github.com/acme/payments/blob/main/Dockerfile',
        },
      ],
    });
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        ruleId: 'BC1005',
        line: 4,
        message: '<script>alert(1)</script> in RUN',
        url: 'https://github.com/acme/payments/blob/main/Dockerfile#L4',
        waiver: null,
      }),
    ]);
  });

  it('marks the findings that the previous scan did not have', async () => {
    const { app, store } = await setup();
    const pip = finding();
    await seedService({ store }, 'payments', [pip]);
    const first = await request(app).get(
      '/v1/entities/component/default/payments/scorecard',
    );
    // nothing is new without a previous result
    expect(first.body.findings.map((f: any) => f.newSinceLastScan)).toEqual([
      false,
    ]);
    const apt = finding({
      ruleId: 'BC1001',
      message: 'apt-get runs without cache mounts',
      line: 2,
    });
    // the pip finding moved down two lines: still the same finding
    await seedService({ store }, 'payments', [{ ...pip, line: 6 }, apt]);
    const second = await request(app).get(
      '/v1/entities/component/default/payments/scorecard',
    );
    expect(
      second.body.findings.map((f: any) => [f.ruleId, f.newSinceLastScan]),
    ).toEqual([
      ['BC1001', true],
      ['BC1005', false],
    ]);
  });

  it('serves the text of an analyzed file, and nothing else of the repository', async () => {
    const read: string[] = [];
    const { app, store } = await createRouterHarness(
      await databases.init('SQLITE_3'),
      {
        readUrl: url => {
          read.push(url);
          return 'FROM python:3.12\nRUN pip install -r requirements.txt\n';
        },
      },
    );
    const path = '/v1/entities/component/default/payments/source';
    const before = await request(app).get(`${path}?path=Dockerfile`);
    expect(before.status).toBe(404);
    expect(before.body.error.message).toMatch(/has not been scanned yet/);
    await seedScan(store);
    const res = await request(app).get(`${path}?path=Dockerfile`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      path: 'Dockerfile',
      text: 'FROM python:3.12\nRUN pip install -r requirements.txt\n',
      url: 'https://github.com/acme/payments/blob/main/Dockerfile',
    });
    expect(read).toEqual([
      'https://github.com/acme/payments/tree/main/Dockerfile',
    ]);
    const other = await request(app).get(`${path}?path=../../etc/passwd`);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toMatch(
      /\.\.\/\.\.\/etc\/passwd is not a file buildcache analyzed/,
    );
    expect((await request(app).get(path)).status).toBe(400);
    expect(read).toHaveLength(1);
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
    expect(bad.body.error.message).toMatch(/params\/name must match pattern/);
  });

  it('serves history and validates its limit', async () => {
    const { app, store } = await setup();
    await seedScan(store);
    const res = await request(app).get(
      '/v1/entities/component/default/payments/history?limit=5',
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        scannedAt: expect.any(String),
        score: 92,
        level: 'Gold',
        event: 'scan',
      },
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

  it('serves the compliance facets, with the compliance read permission', async () => {
    const { app, store } = await setup();
    await seedScan(store);
    const res = await request(app).get('/v1/compliance/facets');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      owners: ['group:default/team-a'],
      systems: ['system:default/shop'],
      ruleIds: ['BC1005'],
    });
    const denied = await setup({ deny: ['buildcache.compliance.read'] });
    expect(
      (await request(denied.app).get('/v1/compliance/facets')).status,
    ).toBe(403);
  });

  it('refuses the service patch without read permission', async () => {
    const { app, store } = await setup({ deny: ['buildcache.scorecard.read'] });
    await seedScan(store);
    const res = await request(app).get(
      '/v1/entities/component/default/payments/fix.patch',
    );
    expect(res.status).toBe(403);
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
      '/v1/compliance/services?owner=group%3Adefault%2Fteam-a&orderBy=score&order=desc',
    );
    expect(services.body.error?.message).toBeUndefined();
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

  describe('waivers', () => {
    it('creates a waiver that marks the finding and lifts the score, then deletes it', async () => {
      const { app, store } = await setup();
      await seedScan(store);
      const created = await request(app).post('/v1/waivers').send({
        target: 'Component:default/Payments',
        ruleId: 'BC1005',
        path: 'Dockerfile',
        reason: '  the base image ships a warm pip cache ',
        expiresAt: '2999-01-01T00:00:00Z',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(String),
        target: 'component:default/payments',
        createdBy: 'user:default/mock',
        expiresAt: '2999-01-01T00:00:00.000Z',
      });

      const scorecard = await request(app).get(
        '/v1/entities/component/default/payments/scorecard',
      );
      expect(scorecard.body.findings[0].waiver).toEqual({
        id: created.body.id,
        reason: 'the base image ships a warm pip cache',
        createdBy: 'user:default/mock',
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
      expect(scorecard.body).toMatchObject({
        score: 100,
        level: 'Gold',
        counts: { warning: 0 },
      });
      const history = await request(app).get(
        '/v1/entities/component/default/payments/history',
      );
      // the waiver made a point of its own, not a scan
      expect(
        history.body.items.map((p: { score: number; event: string }) => [
          p.score,
          p.event,
        ]),
      ).toEqual([
        [92, 'scan'],
        [100, 'waiver'],
      ]);

      const listed = await request(app).get('/v1/waivers?ruleId=BC1005');
      expect(listed.body.items).toHaveLength(1);
      const byTarget = await request(app).get(
        '/v1/waivers?target=Component:default/PAYMENTS',
      );
      expect(byTarget.body.error?.message).toBeUndefined();
      expect(byTarget.body.items.map((w: { id: string }) => w.id)).toEqual([
        created.body.id,
      ]);

      expect(
        (await request(app).delete(`/v1/waivers/${created.body.id}`)).status,
      ).toBe(204);
      const after = await request(app).get(
        '/v1/entities/component/default/payments/scorecard',
      );
      expect(after.body).toMatchObject({ score: 92, counts: { warning: 1 } });
      expect(after.body.findings[0].waiver).toBeNull();
      expect(
        (await request(app).delete(`/v1/waivers/${created.body.id}`)).status,
      ).toBe(404);
    });

    it('applies owner-wide waivers', async () => {
      const { app, store } = await setup();
      await seedScan(store);
      const created = await request(app).post('/v1/waivers').send({
        target: 'group:default/team-a',
        ruleId: 'BC1005',
        reason: 'accepted by the team',
      });
      expect(created.status).toBe(201);
      const scorecard = await request(app).get(
        '/v1/entities/component/default/payments/scorecard',
      );
      expect(scorecard.body.score).toBe(100);
    });

    it('rejects bad waivers with 400 naming the field', async () => {
      const { app } = await setup();
      const unknownRule = await request(app)
        .post('/v1/waivers')
        .send({ target: '*', ruleId: 'BC1234', reason: 'because' });
      expect(unknownRule.status).toBe(400);
      expect(unknownRule.body.error.message).toMatch(
        /ruleId names no known rule: BC1234/,
      );
      const badTarget = await request(app)
        .post('/v1/waivers')
        .send({ target: 'payments', ruleId: 'BC1005', reason: 'because' });
      expect(badTarget.status).toBe(400);
      expect(badTarget.body.error.message).toMatch(/target/);
      const noReason = await request(app)
        .post('/v1/waivers')
        .send({ target: '*', ruleId: 'BC1005' });
      expect(noReason.body.error.message).toMatch(/reason/);
      const past = await request(app).post('/v1/waivers').send({
        target: '*',
        ruleId: 'BC1005',
        reason: 'because',
        expiresAt: '2001-01-01T00:00:00Z',
      });
      expect(past.body.error.message).toMatch(
        /expiresAt must be in the future/,
      );
      const blank = await request(app)
        .post('/v1/waivers')
        .send({ target: '*', ruleId: 'BC1005', reason: '   ok   ' });
      expect(blank.status).toBe(400);
      expect(blank.body.error.message).toMatch(/reason must say why/);
      const extra = await request(app).post('/v1/waivers').send({
        target: '*',
        ruleId: 'BC1005',
        reason: 'because',
        owner: 'x',
        team: 'y',
      });
      expect(extra.status).toBe(400);
      expect(extra.body.error.message).toMatch(
        /unknown fields owner, team; allowed: target, ruleId/,
      );
      const notADate = await request(app).post('/v1/waivers').send({
        target: '*',
        ruleId: 'BC1005',
        reason: 'because',
        expiresAt: 'next week',
      });
      expect(notADate.body.error.message).toMatch(
        /expiresAt must match format/,
      );
    });

    it('requires the manage permission to change waivers', async () => {
      const { app } = await setup({ deny: ['buildcache.waiver.manage'] });
      const res = await request(app)
        .post('/v1/waivers')
        .send({ target: '*', ruleId: 'BC1005', reason: 'because' });
      expect(res.status).toBe(403);
    });
  });

  it('serves its OpenAPI document', async () => {
    const { app } = await setup();
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain(
      '/v1/entities/{kind}/{namespace}/{name}/scorecard',
    );
  });
});
