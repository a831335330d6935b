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
import { type ServiceFilter, whereServiceMatching } from './serviceFilter';
import { TABLE_HISTORY } from './tables';

/**
 * The org summary's counts from one narrow row per service matching a
 * filter: its owner, system, level, score and rollups (serviceRollups.ts).
 * Before (issue 13) the summary read every service row whole and every
 * failing (service, rule) pair and file kind of every current scan: 230 to
 * 440 ms at 10,000 services. (Grouping the rows in the database was slower
 * on SQLite: the rule sets of 10,000 services hardly repeat in the bench.)
 */

/** A service as the database returns it for the summary. */
interface SummaryRow {
  owner: string | null;
  system: string | null;
  level: string | null;
  score: number | null;
  failing_rules: string | null;
  has_dockerfile: boolean | number;
  has_build_config: boolean | number;
}

/** What the summary counts of one service. */
export interface SummaryEntry {
  owner: string | null;
  system: string | null;
  /** null: never scanned. */
  level: Level | null;
  failingRules: readonly string[];
  hasDockerfile: boolean;
  hasBuildConfig: boolean;
  score: number | null;
}

export async function summaryEntries(
  matching: Knex.QueryBuilder,
): Promise<SummaryEntry[]> {
  const rows: SummaryRow[] = await matching
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
  return rows.map(row => ({
    owner: row.owner,
    system: row.system,
    level: row.level as Level | null,
    failingRules: decodeRules(row.failing_rules),
    hasDockerfile: Boolean(row.has_dockerfile),
    hasBuildConfig: Boolean(row.has_build_config),
    score: row.score,
  }));
}

export function round1(value: number) {
  return Math.round(value * 10) / 10;
}

/** Counts by level and the mean score of scanned services. */
export function tally(
  entries: readonly SummaryEntry[],
): Omit<ComplianceGroup, 'key'> {
  const levels = Object.fromEntries(LEVELS.map(l => [l, 0])) as Record<
    Level,
    number
  >;
  let services = 0;
  for (const entry of entries) {
    if (entry.level === null) continue;
    services += 1;
    levels[entry.level] += 1;
  }
  const { total, scored } = scoreTotal(entries);
  return {
    services,
    meanScore: scored ? round1(total / scored) : null,
    levels,
  };
}

/** The sum of the scores of the entries, and how many have one (only scanned services do). */
export function scoreTotal(entries: readonly SummaryEntry[]) {
  let total = 0;
  let scored = 0;
  for (const entry of entries) {
    if (entry.score === null) continue;
    total += entry.score;
    scored += 1;
  }
  return { total, scored };
}

/**
 * Scanned services grouped by owner, system, or each rule they fail (a
 * service failing two rules is in two groups), sorted by key.
 */
export function groupServices(
  entries: readonly SummaryEntry[],
  groupBy: 'owner' | 'system' | 'rule',
): ComplianceGroup[] {
  const groups = new Map<string, SummaryEntry[]>();
  for (const entry of entries) {
    if (entry.level === null) continue;
    const keys =
      groupBy === 'rule' ? entry.failingRules : [entry[groupBy] ?? '(none)'];
    for (const key of keys) {
      const members = groups.get(key);
      if (members) members.push(entry);
      else groups.set(key, [entry]);
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
  entries: readonly SummaryEntry[],
  rules: ReadonlyArray<Pick<RuleMetadata, 'id' | 'target'>>,
): RuleAdoption[] {
  const applicable = { dockerfile: 0, buildConfig: 0 };
  const failing = new Map<
    string,
    { dockerfile: number; buildConfig: number }
  >();
  for (const entry of entries) {
    if (entry.level === null || entry.level === 'NotApplicable') continue;
    const dockerfile = entry.hasDockerfile ? 1 : 0;
    const buildConfig = entry.hasBuildConfig ? 1 : 0;
    applicable.dockerfile += dockerfile;
    applicable.buildConfig += buildConfig;
    for (const ruleId of entry.failingRules) {
      const counts = failing.get(ruleId);
      if (counts) {
        counts.dockerfile += dockerfile;
        counts.buildConfig += buildConfig;
      } else failing.set(ruleId, { dockerfile, buildConfig });
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

/** How the window's history points moved the score total, per day. */
export interface TrendMoves {
  day: number;
  /** Sum of each point's score minus its previous point's (no score: 0). */
  moved: number;
  /** Services that got a score, minus those that lost theirs. */
  added: number;
}

/**
 * Per day from `since` on, how the history points of the services matching
 * `filter` moved the score total from each service's previous point (stored
 * with it: historyPoints.ts): the database reads only the window's points and
 * returns one row per day.
 */
export async function trendMoves(
  db: Knex,
  filter: ServiceFilter,
  since: Date,
): Promise<TrendMoves[]> {
  const rows: Array<Record<keyof TrendMoves, number | string>> =
    await whereServiceMatching(
      db,
      db(TABLE_HISTORY).where('scanned_at', '>=', since),
      filter,
    )
      .select({
        day: epochDay(db, 'scanned_at'),
        moved: db.raw('SUM(COALESCE(score, 0) - COALESCE(previous_score, 0))'),
        added: db.raw(
          'SUM(CASE WHEN score IS NULL THEN 0 ELSE 1 END - CASE WHEN previous_score IS NULL THEN 0 ELSE 1 END)',
        ),
      })
      .groupBy('day');
  return rows.map(row => ({
    day: Number(row.day),
    moved: Number(row.moved),
    added: Number(row.added),
  }));
}

/**
 * Mean score per day with history points: the mean over the services whose
 * latest point at the end of that day has a score (a service that became
 * NotApplicable leaves it). Anchored at today (`current`: the services'
 * score total and how many have a score, which their latest points hold)
 * and walked back through each day's moves.
 */
export function trendPoints(
  moves: readonly TrendMoves[],
  current: { total: number; scored: number },
): TrendPoint[] {
  let { total, scored } = current;
  const points: TrendPoint[] = [];
  for (const move of [...moves].sort((a, b) => b.day - a.day)) {
    if (scored > 0)
      points.push({
        date: new Date(move.day * DAY_MS).toISOString().slice(0, 10),
        meanScore: round1(total / scored),
        services: scored,
      });
    total -= move.moved;
    scored -= move.added;
  }
  return points.reverse();
}
