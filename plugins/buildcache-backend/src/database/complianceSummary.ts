import type { Knex } from 'knex';
import {
  LEVELS,
  type ComplianceGroup,
  type Level,
  type RuleAdoption,
  type RuleMetadata,
} from '@buildcache/plugin-buildcache-common';
import { whereCounting } from './rowMappers';
import { TABLE_FINDINGS, TABLE_SCAN_FILES, TABLE_SERVICES } from './tables';

/**
 * The parts of the org summary that are counts, aggregated by the database:
 * only a few rows per level, group or rule reach the process, however many
 * services there are (issue 13: the summary read every service row and every
 * failing (service, rule) pair, 230 to 440 ms at 10,000 services).
 *
 * `matching` is the query of the current services the summary is about
 * (currentServicesMatching); every function clones it.
 */

/** One aggregated row: services of a level within a key, and their scores. */
interface LevelTally {
  key?: string | null;
  level: string | null;
  services: number | string;
  total: number | string | null;
  scored: number | string;
}

/** Counts and score sums of one set of services. */
export interface Tally {
  services: number;
  meanScore: number | null;
  levels: Record<Level, number>;
}

export function round1(value: number) {
  return Math.round(value * 10) / 10;
}

function emptyLevels(): Record<Level, number> {
  return Object.fromEntries(LEVELS.map(l => [l, 0])) as Record<Level, number>;
}

/** Folds per-level rows (PostgreSQL returns counts and sums as strings). */
function fold(rows: LevelTally[]): Tally & { scannedOrNot: number } {
  const levels = emptyLevels();
  let scannedOrNot = 0;
  let total = 0;
  let scored = 0;
  for (const row of rows) {
    const services = Number(row.services);
    scannedOrNot += services;
    if (row.level === null) continue;
    levels[row.level as Level] += services;
    total += Number(row.total ?? 0);
    scored += Number(row.scored);
  }
  return {
    services: Object.values(levels).reduce((a, b) => a + b, 0),
    scannedOrNot,
    meanScore: scored ? round1(total / scored) : null,
    levels,
  };
}

function tallyColumns(q: Knex.QueryBuilder, score: string) {
  return q
    .count({ services: '*' })
    .sum({ total: score })
    .count({ scored: score });
}

/** Every matching service (scanned or not), the scanned ones by level. */
export async function tallyServices(
  matching: Knex.QueryBuilder,
): Promise<Tally> {
  const rows: LevelTally[] = await tallyColumns(
    matching.clone().select('level'),
    'score',
  ).groupBy('level');
  const { scannedOrNot, meanScore, levels } = fold(rows);
  return { services: scannedOrNot, meanScore, levels };
}

/** The counting (rule, scan) pairs of the scanned matching services. */
function failingPairs(db: Knex, matching: Knex.QueryBuilder) {
  return whereCounting(
    db(TABLE_FINDINGS).whereIn(
      'scan_id',
      matching.clone().whereNotNull('level').select('last_good_scan_id'),
    ),
  )
    .distinct('scan_id', 'rule_id')
    .as('f');
}

/**
 * Scanned matching services grouped by owner, system, or each rule they
 * fail (a service failing two rules is in two groups), sorted by key.
 */
export async function groupServices(
  db: Knex,
  matching: Knex.QueryBuilder,
  groupBy: 'owner' | 'system' | 'rule',
): Promise<ComplianceGroup[]> {
  const scanned = matching.clone().whereNotNull('level');
  const rows: LevelTally[] =
    groupBy === 'rule'
      ? await tallyColumns(
          db
            .from(failingPairs(db, matching))
            .join(
              scanned.select('last_good_scan_id', 'level', 'score').as('s'),
              's.last_good_scan_id',
              'f.scan_id',
            )
            .select({ key: 'f.rule_id', level: 's.level' }),
          's.score',
        ).groupBy('f.rule_id', 's.level')
      : await tallyColumns(
          scanned.select({ key: groupBy, level: 'level' }),
          'score',
        ).groupBy(groupBy, 'level');
  const byKey = new Map<string, LevelTally[]>();
  for (const row of rows) {
    const key = row.key ?? '(none)';
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  return [...byKey.entries()]
    .map(([key, tallies]) => {
      const { services, meanScore, levels } = fold(tallies);
      return { key, services, meanScore, levels };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Share of the services a rule applies to that pass it: rules with target
 * dockerfile apply to scanned services (NotApplicable left out) whose
 * current result has a Dockerfile, build-config rules to those with a CI or
 * build config; analysis problems are not adoption.
 */
export async function ruleAdoption(
  db: Knex,
  matching: Knex.QueryBuilder,
  rules: ReadonlyArray<Pick<RuleMetadata, 'id' | 'target'>>,
): Promise<RuleAdoption[]> {
  const adoptable = rules.filter(rule => rule.target !== 'analysis');
  if (!adoptable.length) return [];
  const hasFile = (dockerfile: boolean) =>
    db.raw('CASE WHEN EXISTS ? THEN 1 ELSE 0 END', [
      db(`${TABLE_SCAN_FILES} as sf`)
        .select(db.raw('1'))
        .whereColumn('sf.scan_id', `${TABLE_SERVICES}.last_good_scan_id`)
        .where('sf.kind', dockerfile ? '=' : '<>', 'dockerfile'),
    ]);
  const applicable = matching
    .clone()
    .whereNotNull('level')
    .whereNot('level', 'NotApplicable')
    .select('last_good_scan_id', {
      dockerfile: hasFile(true),
      build_config: hasFile(false),
    })
    .as('a');
  const sums = (q: Knex.QueryBuilder) =>
    q.sum({ dockerfile: 'a.dockerfile', build_config: 'a.build_config' });
  type Sums = {
    dockerfile: number | string | null;
    build_config: number | string | null;
  };
  const [all]: Sums[] = await sums(db.from(applicable));
  const failing: Array<Sums & { rule_id: string }> = await sums(
    db
      .from(failingPairs(db, matching))
      .join(applicable, 'a.last_good_scan_id', 'f.scan_id')
      .select('f.rule_id'),
  ).groupBy('f.rule_id');
  const failed = new Map(failing.map(row => [row.rule_id, row]));
  const column = (target: RuleMetadata['target']) =>
    target === 'dockerfile' ? 'dockerfile' : 'build_config';
  return adoptable.map(({ id: ruleId, target }) => {
    const applies = Number(all?.[column(target)] ?? 0);
    const passing = applies - Number(failed.get(ruleId)?.[column(target)] ?? 0);
    return {
      ruleId,
      applicable: applies,
      passing,
      percent: applies ? round1((passing / applies) * 100) : 100,
    };
  });
}
