import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { finding } from '../database/testData';
import {
  createRouterHarness,
  seedService,
} from '../__testUtils__/routerHarness';

describe('GET /v1/compliance/findings', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(options: { deny?: string[] } = {}) {
    const harness = await createRouterHarness(
      await databases.init('SQLITE_3'),
      options,
    );
    await seedService(harness, 'payments', [
      // a cell a spreadsheet would run as a formula
      finding({ path: '=HYPERLINK("http://evil")', line: 7 }),
      finding({
        ruleId: 'BC1010',
        severity: 'info',
        line: 1,
        suppressed: true,
      }),
    ]);
    await seedService(
      harness,
      'search',
      [finding({ ruleId: 'BC1004', severity: 'error', line: 2 })],
      70,
      'Bronze',
      'group:default/team-b',
    );
    return harness;
  }

  it('streams one escaped CSV row per finding, following the filters', async () => {
    const { app } = await setup();
    const res = await request(app).get('/v1/compliance/findings');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="buildcache-findings.csv"/,
    );
    expect(res.text.split('\r\n')).toEqual([
      'service,owner,system,rule,file,line,severity,state',
      `component:default/payments,group:default/team-a,system:default/shop,BC1005,"'=HYPERLINK(""http://evil"")",7,warning,open`,
      'component:default/payments,group:default/team-a,system:default/shop,BC1010,Dockerfile,1,info,suppressed',
      'component:default/search,group:default/team-b,system:default/shop,BC1004,Dockerfile,2,error,open',
      '',
    ]);

    const owner = await request(app).get(
      '/v1/compliance/findings?owner=group:default/team-b',
    );
    expect(owner.text.split('\r\n').slice(1, -1)).toEqual([
      'component:default/search,group:default/team-b,system:default/shop,BC1004,Dockerfile,2,error,open',
    ]);
    const none = await request(app).get('/v1/compliance/findings?q=nothing');
    expect(none.text).toBe(
      'service,owner,system,rule,file,line,severity,state\r\n',
    );
  });

  it('rejects bad filters and needs the compliance read permission', async () => {
    const { app } = await setup();
    const bad = await request(app).get(
      '/v1/compliance/findings?level=Platinum',
    );
    expect(bad.status).toBe(400);
    const denied = await setup({ deny: ['buildcache.compliance.read'] });
    expect(
      (await request(denied.app).get('/v1/compliance/findings')).status,
    ).toBe(403);
  });
});
