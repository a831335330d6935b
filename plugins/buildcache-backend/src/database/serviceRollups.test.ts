import { TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from './migrations';
import { decodeRules, encodeRules } from './serviceRollups';
import {
  completeScans,
  createScanStore,
  finding,
  report,
  target,
} from './testData';

describe('service rollups', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it('encodes rule ids so one matches as a word, and decodes them back', () => {
    expect(encodeRules(['BC1005', 'BC1001', 'BC1005'])).toBe(' BC1001 BC1005 ');
    expect(encodeRules([])).toBe('');
    expect(decodeRules(' BC1001 BC1005 ')).toEqual(['BC1001', 'BC1005']);
    expect(decodeRules('')).toEqual([]);
    expect(decodeRules(null)).toEqual([]);
  });

  it.each(databases.eachSupportedId())(
    'are written with each result, and computed at start-up for rows that lack them, %p',
    async databaseId => {
      const { knex, store } = await createScanStore(databases, databaseId);
      await store.upsertServices(['a', 'b', 'never'].map(n => target(n)));
      await completeScans(store, [
        ['a', report([finding({ ruleId: 'BC1001' })], 10, 'None')],
        // the later result is the current one: a suppressed finding and a
        // workflow finding
        [
          'a',
          report(
            [
              finding({ suppressed: true }),
              finding({ ruleId: 'BC2001', path: '.github/workflows/ci.yml' }),
            ],
            80,
            'Silver',
          ),
        ],
        ['b', report([], 100, 'Gold')],
      ]);
      const rollups = () =>
        knex('buildcache_services')
          .orderBy('entity_ref')
          .select(
            'entity_ref',
            'failing_rules',
            'has_dockerfile',
            'has_build_config',
          )
          .then(rows =>
            rows.map(r => [
              r.entity_ref.split('/').pop(),
              r.failing_rules,
              Boolean(r.has_dockerfile),
              Boolean(r.has_build_config),
            ]),
          );
      const written = [
        ['a', ' BC2001 ', true, true],
        ['b', '', true, false],
        ['never', null, false, false],
      ];
      expect(await rollups()).toEqual(written);

      // rows from before the migration that added the columns
      await knex('buildcache_services').update({
        failing_rules: null,
        has_dockerfile: false,
        has_build_config: false,
      });
      await applyDatabaseMigrations(knex);
      expect(await rollups()).toEqual(written);
    },
  );
});
