import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { insertHistoryPoint, type NewHistoryPoint } from './historyPoints';
import { applyDatabaseMigrations, MIGRATIONS } from './migrations';
import { prng } from './testData';

jest.setTimeout(60_000);

const START = new Date('2030-01-01T00:00:00.000Z').getTime();

/** Random points of a few services, in random order, some at the same time. */
function randomPoints(seed: number, count: number): NewHistoryPoint[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => ({
    entity_ref: `component:default/s-${Math.floor(random() * 6)}`,
    scan_id: `scan-${i}`,
    scanned_at: new Date(START + Math.floor(random() * 40) * 3_600_000),
    score: random() < 0.15 ? null : Math.floor(random() * 101),
    level: 'Gold',
  }));
}

/** Each point's previous point's score, by id. */
async function expectedPrevious(knex: Knex) {
  const rows = await knex('buildcache_history').orderBy([
    { column: 'scanned_at' },
    { column: 'id' },
  ]);
  const last = new Map<string, number | null>();
  const expected = new Map<number, number | null>();
  for (const row of rows) {
    expected.set(row.id, last.get(row.entity_ref) ?? null);
    last.set(row.entity_ref, row.score);
  }
  return expected;
}

async function storedPrevious(knex: Knex) {
  const rows = await knex('buildcache_history').select('id', 'previous_score');
  return new Map(rows.map(r => [r.id, r.previous_score]));
}

describe('history points', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'keep the previous scored point of the service, whatever order they are written in, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      for (const point of randomPoints(5, 150))
        await insertHistoryPoint(knex, point);
      const expected = await expectedPrevious(knex);
      expect(
        [...expected.values()].filter(v => v !== null).length,
      ).toBeGreaterThan(100);
      expect(await storedPrevious(knex)).toEqual(expected);
    },
  );

  it.each(databases.eachSupportedId())(
    'are filled by the migration for points written before it, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      // back to the schema before previous_score, with points written then
      await knex.migrate.down({
        ...MIGRATIONS,
        name: '20261202000600_history_previous_score.js',
      });
      expect(
        await knex.schema.hasColumn('buildcache_history', 'previous_score'),
      ).toBe(false);
      await knex('buildcache_history').insert(randomPoints(9, 150));
      await applyDatabaseMigrations(knex);
      expect(await storedPrevious(knex)).toEqual(await expectedPrevious(knex));
    },
  );
});
