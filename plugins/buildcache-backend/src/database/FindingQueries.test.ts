import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { FindingQueries, type FindingExportRow } from './FindingQueries';
import { applyDatabaseMigrations } from './migrations';
import { ScanStore } from './ScanStore';
import { refreshServiceRollups } from './serviceRollups';
import { TABLE_FINDINGS } from './tables';
import { completeScans, finding, report, target } from './testData';

const clock = () => new Date('2030-01-15T12:00:00.000Z');

async function collect(
  rows: AsyncIterable<FindingExportRow>,
): Promise<FindingExportRow[]> {
  const out: FindingExportRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('FindingQueries', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function seed(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ScanStore(knex, clock);
    await store.upsertServices([
      target('alpha', { owner: 'group:default/team-a' }),
      target('bravo', { owner: 'group:default/team-b', system: null }),
      target('charlie', { owner: 'group:default/team-b' }),
    ]);
    const results: Array<[string, ReturnType<typeof report>]> = [
      [
        'alpha',
        report(
          [
            finding({ line: 4 }),
            finding({
              ruleId: 'BC1010',
              severity: 'info',
              line: 1,
              suppressed: true,
            }),
          ],
          88,
          'Silver',
        ),
      ],
      [
        'bravo',
        report(
          [
            finding({
              ruleId: 'BC2001',
              path: '.github/workflows/ci.yml',
              line: 12,
            }),
            finding({ ruleId: 'BC1004', severity: 'error', line: 2 }),
          ],
          64,
          'Bronze',
        ),
      ],
      ['charlie', report([], 100, 'Gold')],
    ];
    await completeScans(store, results);
    // bravo's BC1004 is covered by a waiver
    await knex(TABLE_FINDINGS)
      .where({ rule_id: 'BC1004' })
      .update({ waiver_id: 'waiver-1' });
    // as ScanStore.updateScore does after changing a finding's waiver
    await refreshServiceRollups(knex, {
      entityRefs: ['component:default/bravo'],
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'lists every finding of the current results with its state, %p',
    async databaseId => {
      const { knex } = await seed(databaseId);
      const rows = await collect(new FindingQueries(knex).exportRows({}, 100));
      expect(rows).toEqual([
        {
          service: 'component:default/alpha',
          owner: 'group:default/team-a',
          system: 'system:default/shop',
          rule: 'BC1005',
          file: 'Dockerfile',
          line: 4,
          severity: 'warning',
          state: 'open',
        },
        expect.objectContaining({
          service: 'component:default/alpha',
          rule: 'BC1010',
          line: 1,
          severity: 'info',
          state: 'suppressed',
        }),
        {
          service: 'component:default/bravo',
          owner: 'group:default/team-b',
          system: null,
          rule: 'BC2001',
          file: '.github/workflows/ci.yml',
          line: 12,
          severity: 'warning',
          state: 'open',
        },
        expect.objectContaining({
          service: 'component:default/bravo',
          rule: 'BC1004',
          severity: 'error',
          state: 'waived',
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'follows the services filters, and ruleId keeps only that rule, %p',
    async databaseId => {
      const { knex } = await seed(databaseId);
      const queries = new FindingQueries(knex);
      const services = async (
        filter: Parameters<FindingQueries['exportRows']>[0],
      ) =>
        (await collect(queries.exportRows(filter, 100))).map(
          r => `${r.service.replace('component:default/', '')} ${r.rule}`,
        );
      expect(await services({ owner: 'group:default/team-b' })).toEqual([
        'bravo BC2001',
        'bravo BC1004',
      ]);
      expect(await services({ level: 'Silver' })).toEqual([
        'alpha BC1005',
        'alpha BC1010',
      ]);
      expect(await services({ q: 'BRAV' })).toEqual([
        'bravo BC2001',
        'bravo BC1004',
      ]);
      expect(await services({ ruleId: 'BC2001' })).toEqual(['bravo BC2001']);
      // a rule whose only finding is waived matches no service
      expect(await services({ ruleId: 'BC1004' })).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads page by page across services and stops at the maximum, %p',
    async databaseId => {
      const { knex } = await seed(databaseId);
      const all = await collect(new FindingQueries(knex).exportRows({}, 100));
      const paged = await collect(
        new FindingQueries(knex, 1).exportRows({}, 100),
      );
      expect(paged).toEqual(all);
      const bounded = await collect(
        new FindingQueries(knex, 2).exportRows({}, 3),
      );
      expect(bounded).toEqual(all.slice(0, 3));
    },
  );
});
