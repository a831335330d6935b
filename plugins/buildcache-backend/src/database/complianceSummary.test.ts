import { TestDatabases } from '@backstage/backend-test-utils';
import {
  LEVELS,
  type Finding,
  type Level,
} from '@buildcache/plugin-buildcache-common';
import { ComplianceQueries } from './ComplianceQueries';
import { insertHistoryPoint } from './historyPoints';
import type { ServiceFilter } from './serviceFilter';
import {
  completeScans,
  createScanStore,
  finding,
  prng,
  report,
  target,
} from './testData';

/**
 * The aggregated summary against a plain computation over a generated org:
 * the same services, levels, means, groups and adoption for every filter.
 */

const NOW = new Date('2030-01-15T12:00:00.000Z');
const OWNERS = ['group:default/a', 'group:default/b', null];
const RULES = [
  { id: 'BC1001', target: 'dockerfile' as const },
  { id: 'BC1005', target: 'dockerfile' as const },
  { id: 'BC2001', target: 'build-config' as const },
  { id: 'BC9001', target: 'analysis' as const },
];

interface Modelled {
  name: string;
  owner: string | null;
  level: Level | null;
  score: number | null;
  failing: Set<string>;
  hasWorkflow: boolean;
}

function generate(count: number, random: () => number) {
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const level: Level | null = random() < 0.15 ? null : pick(LEVELS);
    const findings: Finding[] = [];
    if (level !== null && level !== 'NotApplicable') {
      for (let n = Math.floor(random() * 5); n > 0; n -= 1) {
        const ruleId = pick(RULES).id;
        findings.push(
          finding({
            ruleId,
            path: ruleId.startsWith('BC2')
              ? '.github/workflows/ci.yml'
              : 'Dockerfile',
            suppressed: random() < 0.2,
          }),
        );
      }
    }
    return {
      name: `svc-${String(i).padStart(3, '0')}`,
      owner: pick(OWNERS),
      level,
      score:
        level === null || level === 'NotApplicable'
          ? null
          : Math.floor(random() * 101),
      findings,
      rescanned: random() < 0.3,
    };
  });
}

function expected(services: Modelled[], groupBy: 'owner' | 'rule') {
  const tally = (members: Modelled[]) => {
    const scanned = members.filter(s => s.level !== null);
    const scores = scanned.flatMap(s => (s.score === null ? [] : [s.score]));
    return {
      services: scanned.length,
      meanScore: scores.length
        ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) /
          10
        : null,
      levels: Object.fromEntries(
        LEVELS.map(l => [l, scanned.filter(s => s.level === l).length]),
      ),
    };
  };
  const scanned = services.filter(s => s.level !== null);
  const keys = new Set(
    scanned.flatMap(s =>
      groupBy === 'rule' ? [...s.failing] : [s.owner ?? '(none)'],
    ),
  );
  const applicable = scanned.filter(s => s.level !== 'NotApplicable');
  return {
    ...tally(services),
    services: services.length,
    groups: [...keys].sort().map(key => ({
      key,
      ...tally(
        scanned.filter(s =>
          groupBy === 'rule'
            ? s.failing.has(key)
            : (s.owner ?? '(none)') === key,
        ),
      ),
    })),
    adoption: RULES.filter(r => r.target !== 'analysis').map(rule => {
      const applies = applicable.filter(
        s => rule.target === 'dockerfile' || s.hasWorkflow,
      );
      const passing = applies.filter(s => !s.failing.has(rule.id)).length;
      return {
        ruleId: rule.id,
        applicable: applies.length,
        passing,
        percent: applies.length
          ? Math.round((passing / applies.length) * 1000) / 10
          : 100,
      };
    }),
  };
}

describe('the aggregated compliance summary', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'matches a plain count over a generated org for every filter, %p',
    async databaseId => {
      const { knex, store } = await createScanStore(databases, databaseId);
      const org = generate(60, prng(7));
      await store.upsertServices(
        org.map(s => target(s.name, { owner: s.owner })),
      );
      // rescanned services first had other findings: only the current count
      await completeScans(
        store,
        org
          .filter(s => s.level !== null && s.rescanned)
          .map(s => [
            s.name,
            report([finding({ ruleId: 'BC1001' })], 10, 'None'),
          ]),
      );
      await completeScans(
        store,
        org
          .filter(s => s.level !== null)
          .map(s => [s.name, report(s.findings, s.score ?? 100, s.level!)]),
      );
      const modelled: Modelled[] = org.map(s => ({
        name: s.name,
        owner: s.owner,
        level: s.level,
        score: s.score,
        failing: new Set(
          s.findings.filter(f => !f.suppressed).map(f => f.ruleId),
        ),
        hasWorkflow: s.findings.some(f => f.path !== 'Dockerfile'),
      }));
      // the store's clock: the trend's window ends now
      const queries = new ComplianceQueries(knex);
      const filters: Array<[ServiceFilter, (s: Modelled) => boolean]> = [
        [{}, () => true],
        [{ owner: 'group:default/a' }, s => s.owner === 'group:default/a'],
        [{ level: 'Gold' }, s => s.level === 'Gold'],
        [{ ruleId: 'BC1005' }, s => s.failing.has('BC1005')],
        [{ q: 'SVC-01' }, s => s.name.startsWith('svc-01')],
      ];
      for (const [filter, keep] of filters) {
        for (const groupBy of ['owner', 'rule'] as const) {
          const { trend, ...summary } = await queries.summary(
            filter,
            groupBy,
            RULES,
          );
          // the trend ends at today's mean (every service was scanned today)
          expect(trend.at(-1)?.meanScore ?? null).toBe(summary.meanScore);
          expect({ filter, ...summary }).toEqual({
            filter,
            groupBy,
            ...expected(modelled.filter(keep), groupBy),
          });
        }
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'gives the trend a replay of the history gives, %p',
    async databaseId => {
      const { knex, store } = await createScanStore(databases, databaseId);
      const random = prng(11);
      const names = Array.from({ length: 30 }, (_, i) => `h-${i}`);
      await store.upsertServices(names.map(n => target(n)));
      const rows = Array.from({ length: 400 }, (_, id) => ({
        entity_ref: `component:default/${names[Math.floor(random() * 30)]}`,
        scan_id: `scan-${id}`,
        // 60 days back to now, several points a day, some at the same time
        scanned_at: new Date(
          NOW.getTime() - Math.floor(random() * 60 * 24) * 3_600_000,
        ),
        score: random() < 0.1 ? null : Math.floor(random() * 101),
        level: 'Gold',
      }));
      // written in random order, as replicas with skewed clocks could
      for (const row of rows) await insertHistoryPoint(knex, row);
      const since = new Date(NOW.getTime() - 30 * 86_400_000);
      // services as the store leaves them: scored as their latest point
      const stored = await knex('buildcache_history').orderBy([
        { column: 'scanned_at' },
        { column: 'id' },
      ]);
      const latest = new Map<string, number | null>();
      for (const row of stored) latest.set(row.entity_ref, row.score);
      for (const [entityRef, score] of latest)
        await knex('buildcache_services')
          .where({ entity_ref: entityRef })
          .update({ score, level: score === null ? 'NotApplicable' : 'Gold' });
      // the replay: each day of the window with a point, the mean of the
      // services whose latest point at the end of that day has a score
      latest.clear();
      const byDay = new Map<string, { meanScore: number; services: number }>();
      for (const row of stored) {
        latest.set(row.entity_ref, row.score);
        const at = new Date(row.scanned_at);
        if (at < since) continue;
        const values = [...latest.values()].filter(
          (v): v is number => v !== null,
        );
        byDay.set(at.toISOString().slice(0, 10), {
          meanScore:
            Math.round(
              (values.reduce((a, b) => a + b, 0) / values.length) * 10,
            ) / 10,
          services: values.length,
        });
      }
      const queries = new ComplianceQueries(knex, () => NOW);
      expect((await queries.summary({}, null, [])).trend).toEqual(
        [...byDay.entries()].map(([date, point]) => ({ date, ...point })),
      );
    },
  );
});
