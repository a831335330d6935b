import type { Knex } from 'knex';
import {
  LEVELS,
  type ComplianceGroup,
  type Level,
  type RuleAdoption,
  type RuleMetadata,
  type TrendPoint,
} from '@buildcache/plugin-buildcache-common';
import { decodeRules } from './serviceRollups';
import { TABLE_HISTORY } from './tables';

/**
 * The org summary's counts from one narrow row per matching service: its
 * owner, system, level, score and rollups (serviceRollups.ts). Before
 * (issue 13) the summary read every service row whole and every failing
 * (service, rule) pair and file kind of every current scan: 230 to 440 ms
 * at 10,000 services.
 */

/** What the summary reads of a service. */
export interface SummaryRow {
  owner: string | null;
  system: string | null;
  level: string | null;
  score: number | null;
  failing_rules: string | null;
  has_dockerfile: boolean | number;
  has_build_config: boolean | number;
}

export function summaryRows(
  matching: Knex.QueryBuilder,
): Promise<SummaryRow[]> {
  return matching
    .clone()
    .select(
      'owner',
      'system',
      'level',
      'score',
      'failing_rules',
      'has_dockerfile',
      'has_build_config',
    );
}

export function round1(value: number) {
  return Math.round(value * 10) / 10;
}

/** Counts by level and the mean score of scanned services. */
export function tally(
  rows: readonly SummaryRow[],
): Omit<ComplianceGroup, 'key'> {
  const levels = Object.fromEntries(LEVELS.map(l => [l, 0])) as Record<
    Level,
    number
  >;
  let total = 0;
  let scored = 0;
  let services = 0;
  for (const row of rows) {
    if (row.level === null) continue;
    services += 1;
    levels[row.level as Level] += 1;
    if (row.score !== null) {
      total += row.score;
      scored += 1;
    }
  }
  return {
    services,
    meanScore: scored ? round1(total / scored) : null,
    levels,
  };
}

/**
 * Scanned services grouped by owner, system, or each rule they fail (a
 * service failing two rules is in two groups), sorted by key.
 */
export function groupServices(
  rows: readonly SummaryRow[],
  groupBy: 'owner' | 'system' | 'rule',
): ComplianceGroup[] {
  const groups = new Map<string, SummaryRow[]>();
  for (const row of rows) {
    if (row.level === null) continue;
    const keys =
      groupBy === 'rule'
        ? decodeRules(row.failing_rules)
        : [row[groupBy] ?? '(none)'];
    for (const key of keys) {
      const members = groups.get(key);
      if (members) members.push(row);
      else groups.set(key, [row]);
    }
  }
  return [...groups.entries()]
    .map(([key, members]) => ({ key, ...tally(members) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Share of the services a rule applies to that pass it: rules with target
 * dockerfile apply to scanned services (NotApplicable left out) whose
 * current result has a Dockerfile, build-config rules to those with a CI or
 * build config; analysis problems are not adoption.
 */
export function ruleAdoption(
  rows: readonly SummaryRow[],
  rules: ReadonlyArray<Pick<RuleMetadata, 'id' | 'target'>>,
): RuleAdoption[] {
  const applicable = { dockerfile: 0, buildConfig: 0 };
  const failing = new Map<
    string,
    { dockerfile: number; buildConfig: number }
  >();
  for (const row of rows) {
    if (row.level === null || row.level === 'NotApplicable') continue;
    const dockerfile = Number(Boolean(row.has_dockerfile));
    const buildConfig = Number(Boolean(row.has_build_config));
    applicable.dockerfile += dockerfile;
    applicable.buildConfig += buildConfig;
    for (const ruleId of decodeRules(row.failing_rules)) {
      const counts = failing.get(ruleId) ?? { dockerfile: 0, buildConfig: 0 };
      counts.dockerfile += dockerfile;
      counts.buildConfig += buildConfig;
      failing.set(ruleId, counts);
    }
  }
  return rules
    .filter(rule => rule.target !== 'analysis')
    .map(({ id: ruleId, target }) => {
      const column = target === 'dockerfile' ? 'dockerfile' : 'buildConfig';
      const applies = applicable[column];
      const passing = applies - (failing.get(ruleId)?.[column] ?? 0);
      return {
        ruleId,
        applicable: applies,
        passing,
        percent: applies ? round1((passing / applies) * 100) : 100,
      };
    });
}

const DAY_MS = 86_400_000;

/**
 * Days since the epoch (UTC) of a timestamp column, in the database's
 * dialect: a number per row is cheaper to compute and group than a date text.
 */
function epochDay(db: Knex, column: string): Knex.Raw {
  return /pg|postgres/i.test(String(db.client.config.client))
    ? db.raw('FLOOR(EXTRACT(EPOCH FROM ??) / 86400)', [column])
    : // SQLite holds knex's timestamps as epoch milliseconds
      db.raw(
        `CASE WHEN typeof(??) IN ('integer', 'real') THEN CAST(?? / ${DAY_MS} AS INTEGER) ELSE CAST(strftime('%s', ??) AS INTEGER) / 86400 END`,
        [column, column, column],
      );
}

/**
 * Mean score per day from `since` on of the services `refs`, taking for each
 * service the latest score it had at the end of that day (its last score
 * before `since` included). The database sums, per day, how each score
 * moved from the service's previous one, and counts services scored for the
 * first time; the running totals of those few rows give each day's mean.
 */
export async function scoreTrend(
  db: Knex,
  refs: Knex.QueryBuilder,
  since: Date,
): Promise<TrendPoint[]> {
  const moves = db(TABLE_HISTORY)
    .whereNotNull('score')
    .whereIn('entity_ref', refs)
    .select(
      'scanned_at',
      'score',
      db.raw(
        'LAG(score) OVER (PARTITION BY entity_ref ORDER BY scanned_at, id) AS previous',
      ),
    )
    .as('m');
  const rows: Array<{
    day: number | string | null;
    moved: number | string;
    added: number | string;
  }> = await db
    .from(moves)
    .select({
      day: db.raw('CASE WHEN m.scanned_at < ? THEN NULL ELSE ? END', [
        since,
        epochDay(db, 'm.scanned_at'),
      ]),
      moved: db.raw('SUM(m.score - COALESCE(m.previous, 0))'),
      added: db.raw('SUM(CASE WHEN m.previous IS NULL THEN 1 ELSE 0 END)'),
    })
    .groupBy('day');
  let total = 0;
  let services = 0;
  const points: TrendPoint[] = [];
  // the window's days in order, after the rows before it (day null)
  const days = rows
    .map(row => ({ ...row, day: row.day === null ? null : Number(row.day) }))
    .sort((a, b) => (a.day ?? -Infinity) - (b.day ?? -Infinity));
  for (const row of days) {
    total += Number(row.moved);
    services += Number(row.added);
    if (row.day !== null && services > 0) {
      points.push({
        date: new Date(row.day * DAY_MS).toISOString().slice(0, 10),
        meanScore: round1(total / services),
        services,
      });
    }
  }
  return points;
}
