import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ComplianceQueries, type ServiceQuery } from './ComplianceQueries';
import { insertHistoryPoint, type NewHistoryPoint } from './historyPoints';
import { applyDatabaseMigrations } from './migrations';
import { ScanStore } from './ScanStore';
import type { ServiceFilter } from './serviceFilter';
import { completeScans, finding, report, target } from './testData';

// Every timestamp comes from this clock, so no result depends on today's date.
const NOW = new Date('2030-01-15T12:00:00.000Z');
const clock = () => NOW;

const defaults: ServiceQuery = {
  orderBy: 'name',
  order: 'asc',
  offset: 0,
  limit: 25,
};

describe('ComplianceQueries', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function seed(databaseId: TestDatabaseId) {
    return (await seedWithStore(databaseId)).queries;
  }

  async function seedWithStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ScanStore(knex, clock);
    const services = [
      target('alpha', {
        owner: 'group:default/team-a',
        system: 'system:default/shop',
      }),
      target('bravo', {
        owner: 'group:default/team-a',
        system: 'system:default/data',
      }),
      target('charlie', {
        owner: 'group:default/team-b',
        system: 'system:default/shop',
      }),
      target('delta', { owner: 'group:default/team-b', system: null }),
      target('echo', { owner: 'group:default/team-c', sourceUrl: null }),
    ];
    await store.upsertServices(services);
    const results: Array<[string, ReturnType<typeof report>]> = [
      ['alpha', report([], 100, 'Gold')],
      ['bravo', report([finding()], 92, 'Gold')],
      [
        'charlie',
        report(
          [
            finding(),
            finding({ ruleId: 'BC2001', path: '.github/workflows/ci.yml' }),
            finding({ ruleId: 'BC1004', severity: 'error' }),
          ],
          64,
          'Bronze',
        ),
      ],
      ['delta', report([], 100, 'NotApplicable')],
    ];
    await completeScans(store, results);
    // summaries kept per data revision (as the plugin runs it), so every
    // test that writes through the store and reads again checks that the
    // write made the next summary compute anew
    const queries = new ComplianceQueries(knex, clock, {
      memo: { maxAgeMs: 3_600_000, maxEntries: 10 },
    });
    return { queries, store, knex };
  }

  it.each(databases.eachSupportedId())(
    'offers the owners, systems and failed rules of current services as facets, %p',
    async databaseId => {
      const { queries, store } = await seedWithStore(databaseId);
      expect(await queries.facets()).toEqual({
        owners: ['group:default/team-a', 'group:default/team-b'],
        systems: ['system:default/data', 'system:default/shop'],
        ruleIds: ['BC1004', 'BC1005', 'BC2001'],
      });
      // charlie alone fails BC1004 and BC2001
      await store.retireAbsent(
        ['alpha', 'bravo', 'delta', 'echo'].map(n => `component:default/${n}`),
      );
      expect((await queries.facets()).ruleIds).toEqual(['BC1005']);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves services that left the catalog out, keeps and restores them, %p',
    async databaseId => {
      const { queries, store } = await seedWithStore(databaseId);
      const names = async () =>
        (await queries.listServices(defaults)).items.map(s => s.title);
      expect(await names()).toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta',
        'echo',
      ]);

      // charlie's entity is gone from the catalog
      const present = ['alpha', 'bravo', 'delta', 'echo'].map(
        n => `component:default/${n}`,
      );
      expect(await store.retireAbsent(present)).toEqual([
        'component:default/charlie',
      ]);
      expect(await store.retireAbsent(present)).toEqual([]);
      expect(await names()).toEqual(['alpha', 'bravo', 'delta', 'echo']);
      const summary = await queries.summary({}, 'owner', [
        { id: 'BC2001', target: 'build-config' },
      ]);
      expect(summary.services).toBe(4);
      // only charlie had BC2001 and a workflow: the rule applies to no one
      expect(summary.adoption).toEqual([
        { ruleId: 'BC2001', applicable: 0, passing: 0, percent: 100 },
      ]);
      expect(
        (await queries.listServices({ ...defaults, ruleId: 'BC2001' }))
          .totalCount,
      ).toBe(0);
      // its result and history are kept
      const charlie = await store.getService('component:default/charlie');
      expect(charlie?.score).toBe(64);
      expect(
        await store.getHistory('component:default/charlie', 10),
      ).toHaveLength(1);

      // it comes back with its result when the entity returns
      await store.upsertServices([
        target('charlie', {
          owner: 'group:default/team-b',
          system: 'system:default/shop',
        }),
      ]);
      expect(await names()).toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta',
        'echo',
      ]);
      expect(
        (
          await queries.listServices({ ...defaults, ruleId: 'BC2001' })
        ).items.map(s => [s.title, s.score]),
      ).toEqual([['charlie', 64]]);
    },
  );

  it.each(databases.eachSupportedId())(
    'filters, sorts and pages services, %p',
    async databaseId => {
      const queries = await seed(databaseId);
      const all = await queries.listServices(defaults);
      expect(all.totalCount).toBe(5);
      expect(all.items.map(i => i.title)).toEqual([
        'alpha',
        'bravo',
        'charlie',
        'delta',
        'echo',
      ]);
      expect(all.items[4]).toMatchObject({
        hasSource: false,
        level: null,
        score: null,
      });

      const byScore = await queries.listServices({
        ...defaults,
        orderBy: 'score',
        order: 'asc',
      });
      expect(byScore.items.map(i => i.score)).toEqual([
        64,
        92,
        100,
        null,
        null,
      ]);

      const page = await queries.listServices({
        ...defaults,
        offset: 1,
        limit: 2,
      });
      expect(page).toMatchObject({ totalCount: 5, offset: 1, limit: 2 });
      expect(page.items.map(i => i.title)).toEqual(['bravo', 'charlie']);

      const teamA = await queries.listServices({
        ...defaults,
        owner: 'group:default/team-a',
      });
      expect(teamA.items.map(i => i.title)).toEqual(['alpha', 'bravo']);
      const shopGold = await queries.listServices({
        ...defaults,
        system: 'system:default/shop',
        level: 'Gold',
      });
      expect(shopGold.items.map(i => i.title)).toEqual(['alpha']);
      const failing = await queries.listServices({
        ...defaults,
        ruleId: 'BC1005',
      });
      expect(failing.items.map(i => i.title)).toEqual(['bravo', 'charlie']);
      const text = await queries.listServices({ ...defaults, q: 'CHAR' });
      expect(text.items.map(i => i.title)).toEqual(['charlie']);
      const wildcard = await queries.listServices({ ...defaults, q: '%' });
      expect(wildcard.totalCount).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'summarises levels, groups, adoption and trend, %p',
    async databaseId => {
      const queries = await seed(databaseId);
      const summary = await queries.summary({}, 'owner', [
        { id: 'BC1004', target: 'dockerfile' },
        { id: 'BC1005', target: 'dockerfile' },
        { id: 'BC2001', target: 'build-config' },
        { id: 'BC9001', target: 'analysis' },
        // a custom rule: its own prefix, its target says what it applies to
        { id: 'ACME001', target: 'dockerfile' },
      ]);
      expect(summary.services).toBe(5);
      expect(summary.levels).toEqual({
        Gold: 2,
        Silver: 0,
        Bronze: 1,
        None: 0,
        NotApplicable: 1,
      });
      expect(summary.meanScore).toBe(85.3);
      expect(summary.groups.map(g => [g.key, g.services])).toEqual([
        ['group:default/team-a', 2],
        ['group:default/team-b', 2],
      ]);
      expect(summary.adoption).toEqual([
        { ruleId: 'BC1004', applicable: 3, passing: 2, percent: 66.7 },
        { ruleId: 'BC1005', applicable: 3, passing: 1, percent: 33.3 },
        // only charlie has a workflow, and it fails BC2001
        { ruleId: 'BC2001', applicable: 1, passing: 0, percent: 0 },
        { ruleId: 'ACME001', applicable: 3, passing: 3, percent: 100 },
      ]);
      expect(summary.trend).toEqual([
        {
          date: '2030-01-15',
          meanScore: 85.3,
          services: 3,
        },
      ]);
      const byRule = await queries.summary({}, 'rule', [
        { id: 'BC1005', target: 'dockerfile' },
      ]);
      expect(byRule.groups.map(g => [g.key, g.services])).toEqual([
        ['BC1004', 1],
        ['BC1005', 2],
        ['BC2001', 1],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'summarises the filtered services only, %p',
    async databaseId => {
      const queries = await seed(databaseId);
      const rules = [
        { id: 'BC1004', target: 'dockerfile' as const },
        { id: 'BC1005', target: 'dockerfile' as const },
        { id: 'BC2001', target: 'build-config' as const },
      ];
      const teamB = await queries.summary(
        { owner: 'group:default/team-b' },
        'rule',
        rules,
      );
      expect(teamB).toMatchObject({
        groupBy: 'rule',
        services: 2,
        // charlie's 64: delta is NotApplicable and has no score
        meanScore: 64,
        levels: { Gold: 0, Silver: 0, Bronze: 1, None: 0, NotApplicable: 1 },
      });
      expect(teamB.groups.map(g => [g.key, g.services])).toEqual([
        ['BC1004', 1],
        ['BC1005', 1],
        ['BC2001', 1],
      ]);
      expect(teamB.adoption).toEqual([
        { ruleId: 'BC1004', applicable: 1, passing: 0, percent: 0 },
        { ruleId: 'BC1005', applicable: 1, passing: 0, percent: 0 },
        { ruleId: 'BC2001', applicable: 1, passing: 0, percent: 0 },
      ]);
      expect(teamB.trend).toEqual([
        { date: '2030-01-15', meanScore: 64, services: 1 },
      ]);

      const teamA = await queries.summary(
        { owner: 'group:default/team-a' },
        'owner',
        rules,
      );
      expect(teamA).toMatchObject({ services: 2, meanScore: 96 });
      expect(teamA.groups.map(g => g.key)).toEqual(['group:default/team-a']);
      expect(teamA.adoption[1]).toEqual({
        ruleId: 'BC1005',
        applicable: 2,
        passing: 1,
        percent: 50,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'counts the same services in the summary as in the list for every filter, %p',
    async databaseId => {
      const queries = await seed(databaseId);
      const filters: ServiceFilter[] = [
        {},
        { owner: 'group:default/team-a' },
        { owner: 'group:default/nobody' },
        { system: 'system:default/shop' },
        { level: 'Gold' },
        { ruleId: 'BC1005' },
        { ruleId: 'BC2001', owner: 'group:default/team-b' },
        { q: 'ECHO' },
        { q: '%' },
      ];
      for (const filter of filters) {
        const summary = await queries.summary(filter, null, []);
        const list = await queries.listServices({ ...defaults, ...filter });
        expect([filter, summary.services]).toEqual([filter, list.totalCount]);
        const scanned = list.items.filter(s => s.level !== null);
        expect([
          filter,
          Object.values(summary.levels).reduce((a, b) => a + b),
        ]).toEqual([filter, scanned.length]);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "computes a summary once per data revision, which every replica's writes move, %p",
    async databaseId => {
      const { queries, knex } = await seedWithStore(databaseId);
      const first = await queries.summary({}, null, []);
      // kept: the same object, not one computed again
      expect(await queries.summary({}, null, [])).toBe(first);
      const facets = await queries.facets();
      expect(await queries.facets()).toBe(facets);
      // another filter is another summary
      const teamA = await queries.summary(
        { owner: 'group:default/team-a' },
        null,
        [],
      );
      expect(teamA.services).toBe(2);

      // another replica stores a result: the next summary sees it
      const replica = new ScanStore(knex, clock);
      await completeScans(replica, [['echo', report([], 40, 'None')]]);
      const afterScan = await queries.summary({}, null, []);
      expect(afterScan).not.toBe(first);
      expect(afterScan.levels.None).toBe(first.levels.None + 1);
      expect(await queries.summary({}, null, [])).toBe(afterScan);

      expect(await queries.facets()).not.toBe(facets);
      // ... and when a service leaves the catalog
      await replica.retireAbsent(
        ['alpha', 'bravo', 'charlie', 'delta'].map(
          n => `component:default/${n}`,
        ),
      );
      expect((await queries.summary({}, null, [])).services).toBe(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'computes a kept summary again once it is older than its maximum age, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      const store = new ScanStore(knex, clock);
      await store.upsertServices([target('alpha')]);
      let now = NOW.getTime();
      const queries = new ComplianceQueries(knex, () => new Date(now), {
        memo: { maxAgeMs: 60_000, maxEntries: 10 },
      });
      const first = await queries.summary({}, null, []);
      now += 59_000;
      expect(await queries.summary({}, null, [])).toBe(first);
      now += 1_000;
      const later = await queries.summary({}, null, []);
      expect(later).not.toBe(first);
      expect(later).toEqual(first);
    },
  );

  it.each(databases.eachSupportedId())(
    "computes the trend from the window plus each service's last earlier score, %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      // the trend follows the current services: 'gone' left the catalog
      const store = new ScanStore(knex, clock);
      await store.upsertServices(['a', 'b', 'c', 'gone'].map(n => target(n)));
      await store.retireAbsent(
        ['a', 'b', 'c'].map(n => `component:default/${n}`),
      );
      const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
      const points: NewHistoryPoint[] = [
        // before the 30-day window: only the latest per service counts
        {
          entity_ref: 'component:default/a',
          scan_id: 's1',
          scanned_at: day(60),
          score: 10,
          level: 'None',
        },
        {
          entity_ref: 'component:default/a',
          scan_id: 's2',
          scanned_at: day(40),
          score: 50,
          level: 'Bronze',
        },
        // inside the window
        {
          entity_ref: 'component:default/b',
          scan_id: 's3',
          scanned_at: day(10),
          score: 90,
          level: 'Gold',
        },
        {
          entity_ref: 'component:default/a',
          scan_id: 's4',
          scanned_at: day(5),
          score: 70,
          level: 'Silver',
        },
        {
          entity_ref: 'component:default/gone',
          scan_id: 's6',
          scanned_at: day(5),
          score: 0,
          level: 'None',
        },
        // NotApplicable services have no score and are left out
        {
          entity_ref: 'component:default/c',
          scan_id: 's5',
          scanned_at: day(5),
          score: null,
          level: 'NotApplicable',
        },
      ];
      for (const point of points) await insertHistoryPoint(knex, point);
      // as the store keeps them: a service scored as its latest point
      for (const [name, score, level] of [
        ['a', 70, 'Silver'],
        ['b', 90, 'Gold'],
        ['c', null, 'NotApplicable'],
      ] as const)
        await knex('buildcache_services')
          .where({ entity_ref: `component:default/${name}` })
          .update({ score, level });
      const queries = new ComplianceQueries(knex, clock);
      const summary = await queries.summary({}, null, []);
      expect(summary.trend).toEqual([
        {
          date: day(10).toISOString().slice(0, 10),
          meanScore: 70,
          services: 2,
        },
        { date: day(5).toISOString().slice(0, 10), meanScore: 80, services: 2 },
      ]);
      // filtered: the trend of the matching services only
      expect((await queries.summary({ q: 'b' }, null, [])).trend).toEqual([
        {
          date: day(10).toISOString().slice(0, 10),
          meanScore: 90,
          services: 1,
        },
      ]);
    },
  );
});
