import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { finding } from './database/testData';
import {
  createRouterHarness,
  seedService,
  serviceEntity,
} from './__testUtils__/routerHarness';

/**
 * One truth of what counts: whatever waivers exist, every endpoint reports
 * the same counting findings for the same service: the scorecard's counts
 * and waiver marks, the compliance table's counts, the rule filter, rule
 * adoption and the CSV export.
 */

const NOW = new Date('2030-01-15T12:00:00.000Z');
const SERVICES = ['alpha', 'bravo', 'charlie'];
const ref = (name: string) => `component:default/${name}`;
// alpha and bravo belong to team-a, charlie to team-b
const ownerOf = (name: string) =>
  name === 'charlie' ? 'group:default/team-b' : 'group:default/team-a';

// each service: BC1005 twice (two files), BC1001 once
const findingsOf = () => [
  finding({ ruleId: 'BC1005', path: 'Dockerfile', line: 4 }),
  finding({ ruleId: 'BC1005', path: 'worker/Dockerfile', line: 7 }),
  finding({
    ruleId: 'BC1001',
    path: 'Dockerfile',
    line: 2,
    message: 'apt-get update runs without a cache mount',
  }),
];

type Waive = {
  target: string;
  ruleId: string;
  path?: string;
  expiresAt?: string;
};

/** Counting findings per service and rule, as the waivers should leave them. */
type Expected = Record<string, { BC1005: number; BC1001: number }>;

const steps: Array<{
  name: string;
  waive?: Waive;
  unwaive?: string;
  expected: Expected;
}> = [
  {
    name: 'no waiver',
    expected: {
      alpha: { BC1005: 2, BC1001: 1 },
      bravo: { BC1005: 2, BC1001: 1 },
      charlie: { BC1005: 2, BC1001: 1 },
    },
  },
  {
    name: 'BC1005 waived for alpha in every file',
    waive: { target: ref('alpha'), ruleId: 'BC1005' },
    expected: {
      alpha: { BC1005: 0, BC1001: 1 },
      bravo: { BC1005: 2, BC1001: 1 },
      charlie: { BC1005: 2, BC1001: 1 },
    },
  },
  {
    name: 'BC1005 waived for the team in one file',
    waive: {
      target: 'group:default/team-a',
      ruleId: 'BC1005',
      path: 'worker/Dockerfile',
    },
    expected: {
      alpha: { BC1005: 0, BC1001: 1 },
      bravo: { BC1005: 1, BC1001: 1 },
      charlie: { BC1005: 2, BC1001: 1 },
    },
  },
  {
    name: 'BC1001 waived everywhere',
    waive: { target: '*', ruleId: 'BC1001' },
    expected: {
      alpha: { BC1005: 0, BC1001: 0 },
      bravo: { BC1005: 1, BC1001: 0 },
      charlie: { BC1005: 2, BC1001: 0 },
    },
  },
  {
    name: 'an already expired waiver changes nothing',
    waive: {
      target: ref('charlie'),
      ruleId: 'BC1005',
      expiresAt: '2001-01-01T00:00:00Z',
    },
    expected: {
      alpha: { BC1005: 0, BC1001: 0 },
      bravo: { BC1005: 1, BC1001: 0 },
      charlie: { BC1005: 2, BC1001: 0 },
    },
  },
  {
    name: 'the alpha waiver removed',
    unwaive: 'BC1005 for alpha',
    expected: {
      alpha: { BC1005: 1, BC1001: 0 }, // the team's waiver still covers worker/
      bravo: { BC1005: 1, BC1001: 0 },
      charlie: { BC1005: 2, BC1001: 0 },
    },
  },
];

describe('every view counts the same findings', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'through waive and un-waive, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const harness = await createRouterHarness(knex, {
        entities: SERVICES.map(name => serviceEntity(name, ownerOf(name))),
        now: () => NOW,
        ruleIds: ['BC1005', 'BC1001'],
      });
      const { app } = harness;
      for (const name of SERVICES)
        await seedService(
          harness,
          name,
          findingsOf(),
          92,
          'Gold',
          ownerOf(name),
        );
      const created = new Map<string, string>();
      /** Applies a step's waiver change; returns the HTTP status. */
      const act = async (step: (typeof steps)[number]) => {
        if (step.waive?.expiresAt) {
          // the API refuses an expiry in the past: store that one directly
          await knex('buildcache_waivers').insert({
            id: 'expired-waiver',
            target: step.waive.target,
            rule_id: step.waive.ruleId,
            path: null,
            reason: step.name,
            created_by: 'user:default/mock',
            created_at: NOW,
            expires_at: new Date(step.waive.expiresAt),
          });
          await harness.rescorer.rescore(SERVICES.map(ref));
          return 'stored';
        }
        if (step.waive) {
          const res = await request(app)
            .post('/v1/waivers')
            .send({
              reason: step.name,
              path: null,
              expiresAt: null,
              ...step.waive,
            });
          created.set(
            `${step.waive.ruleId} for ${step.waive.target.split('/').pop()}`,
            res.body.id,
          );
          return res.status;
        }
        if (step.unwaive) {
          const id = created.get(step.unwaive)!;
          return (await request(app).delete(`/v1/waivers/${id}`)).status;
        }
        return 'none';
      };

      for (const step of steps) {
        // the step's waiver change, answered as the API should
        let outcome: number | string = 'none';
        if (step.waive) outcome = step.waive.expiresAt ? 'stored' : 201;
        if (step.unwaive) outcome = 204;
        expect(await act(step)).toBe(outcome);

        const services = await request(app).get(
          '/v1/compliance/services?limit=100',
        );
        const csv = await request(app)
          .get('/v1/compliance/services?limit=100')
          .set('Accept', 'text/csv');
        const summary = await request(app).get('/v1/compliance/summary');
        for (const rule of ['BC1005', 'BC1001'] as const) {
          const failing = SERVICES.filter(n => step.expected[n][rule] > 0);
          const filtered = await request(app).get(
            `/v1/compliance/services?ruleId=${rule}&limit=100`,
          );
          expect({
            step: step.name,
            rule,
            filter: filtered.body.items.map(
              (s: { entityRef: string }) => s.entityRef,
            ),
          }).toEqual({
            step: step.name,
            rule,
            filter: failing.map(ref),
          });
          const adoption = summary.body.adoption.find(
            (a: { ruleId: string }) => a.ruleId === rule,
          );
          expect({
            step: step.name,
            rule,
            passing: adoption?.passing ?? SERVICES.length,
          }).toEqual({
            step: step.name,
            rule,
            passing: SERVICES.length - failing.length,
          });
        }
        for (const name of SERVICES) {
          const want = step.expected[name].BC1005 + step.expected[name].BC1001;
          const card = await request(app).get(
            `/v1/entities/component/default/${name}/scorecard`,
          );
          const unwaived = card.body.findings.filter(
            (f: { waiver: unknown }) => f.waiver === null,
          );
          const row = services.body.items.find(
            (s: { entityRef: string }) => s.entityRef === ref(name),
          );
          const csvLine = csv.text
            .split('\n')
            .find(l => l.startsWith(`${ref(name)},`));
          expect({
            step: step.name,
            name,
            scorecard: card.body.counts.warning,
            marks: unwaived.length,
            table: row.counts.warning,
            csvHasScore: csvLine?.includes(`,${card.body.score},`),
          }).toEqual({
            step: step.name,
            name,
            scorecard: want,
            marks: want,
            table: want,
            csvHasScore: true,
          });
        }
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'lets an expired waiver take effect without a rescan, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      let now = NOW;
      const harness = await createRouterHarness(knex, {
        entities: [serviceEntity('alpha', 'group:default/team-a')],
        now: () => now,
      });
      await seedService(harness, 'alpha', findingsOf());
      const created = await request(harness.app)
        .post('/v1/waivers')
        .send({
          target: ref('alpha'),
          ruleId: 'BC1005',
          path: null,
          reason: 'until the shared builder',
          expiresAt: '2999-01-01T00:00:00Z',
        });
      expect(created.status).toBe(201);
      const count = async () =>
        (
          await request(harness.app).get(
            '/v1/compliance/services?ruleId=BC1005',
          )
        ).body.totalCount;
      expect(await count()).toBe(0);

      now = new Date('3000-01-01T00:00:00Z');
      expect(await harness.rescorer.rescoreExpired()).toEqual([ref('alpha')]);
      expect(await count()).toBe(1);
      const card = await request(harness.app).get(
        '/v1/entities/component/default/alpha/scorecard',
      );
      expect(card.body.counts.warning).toBe(3);
      // nothing left to re-score
      expect(await harness.rescorer.rescoreExpired()).toEqual([]);
    },
  );
});
