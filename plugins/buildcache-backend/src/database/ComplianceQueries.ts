import type { Knex } from 'knex';
import {
  LEVELS,
  type ComplianceFacets,
  type ComplianceGroup,
  type ComplianceService,
  type ComplianceServicesPage,
  type ComplianceServicesQuery,
  type ComplianceSummary,
  type Level,
  type RuleAdoption,
  type RuleMetadata,
  type TrendPoint,
} from '@buildcache/plugin-buildcache-common';
import { type Clock, systemClock } from './clock';
import { whereCounting } from './rowMappers';
import { currentServicesMatching, type ServiceFilter } from './serviceFilter';
import {
  DbHistoryRow,
  DbServiceRow,
  TABLE_FINDINGS,
  TABLE_HISTORY,
  TABLE_SCAN_FILES,
  TABLE_SERVICES,
  toIsoString,
} from './tables';

/** The API's services query with its defaults applied (defaults from src/schema/openapi.yaml). */
export type ServiceQuery = ComplianceServicesQuery &
  Required<
    Pick<ComplianceServicesQuery, 'orderBy' | 'order' | 'offset' | 'limit'>
  >;

const ORDER_COLUMNS: Record<ServiceQuery['orderBy'], string> = {
  name: 'entity_ref',
  owner: 'owner',
  system: 'system',
  score: 'score',
  level: 'level',
  scannedAt: 'scanned_at',
};

const TREND_DAYS = 30;

/** Org-wide read queries over the current state of every service. */
export class ComplianceQueries {
  /** `now` ends the trend window (fixed in tests). */
  constructor(
    private readonly db: Knex,
    private readonly now: Clock = systemClock,
  ) {}

  async listServices(query: ServiceQuery): Promise<ComplianceServicesPage> {
    const base = currentServicesMatching(this.db, query);
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows: DbServiceRow[] = await base
      .clone()
      .select('*')
      .orderByRaw(`${ORDER_COLUMNS[query.orderBy]} IS NULL`)
      .orderBy(ORDER_COLUMNS[query.orderBy], query.order)
      .orderBy('entity_ref', 'asc')
      .offset(query.offset)
      .limit(query.limit);
    return {
      items: rows.map(toComplianceService),
      totalCount: Number(count),
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** Every row matching the filters, for CSV export (bounded by `max`). */
  async allServices(query: ServiceQuery, max: number) {
    return this.listServices({ ...query, offset: 0, limit: max });
  }

  /**
   * Tiles, groups, adoption and trend of the services matching `filter`:
   * the same services {@link listServices} lists for it.
   */
  async summary(
    filter: ServiceFilter,
    groupBy: ComplianceSummary['groupBy'],
    rules: ReadonlyArray<Pick<RuleMetadata, 'id' | 'target'>>,
  ): Promise<ComplianceSummary> {
    const matching = currentServicesMatching(this.db, filter);
    const services: DbServiceRow[] = await matching.clone().select('*');
    const refs = () => matching.clone().select('entity_ref');
    const scanned = services.filter(s => s.level !== null);
    const failing = await this.failingServicesByRule(refs());
    const kinds = await this.fileKindsByService(refs());
    return {
      groupBy,
      services: services.length,
      meanScore: meanScore(scanned),
      levels: countLevels(scanned),
      groups: groupBy ? groupServices(scanned, groupBy, failing) : [],
      adoption: ruleAdoption(scanned, rules, failing, kinds),
      trend: await this.trend(refs()),
    };
  }

  /** Owners and systems of scanned, current services; rules they fail. */
  async facets(): Promise<ComplianceFacets> {
    const current = () =>
      this.db(TABLE_SERVICES).whereNull('retired_at').whereNotNull('level');
    const values = async (column: 'owner' | 'system') =>
      (
        (await current()
          .whereNotNull(column)
          .distinct(column)
          .orderBy(column)) as Array<Record<string, string>>
      ).map(r => r[column]);
    const rules: Array<{ rule_id: string }> = await whereCounting(
      this.db(TABLE_FINDINGS).whereIn(
        'scan_id',
        current().select('last_good_scan_id'),
      ),
    )
      .distinct('rule_id')
      .orderBy('rule_id');
    return {
      owners: await values('owner'),
      systems: await values('system'),
      ruleIds: rules.map(r => r.rule_id),
    };
  }

  /** entity ref (among `refs`) → kinds of the build files in its current result. */
  private async fileKindsByService(
    refs: Knex.QueryBuilder,
  ): Promise<Map<string, Set<string>>> {
    const rows: Array<{ kind: string; entity_ref: string }> = await this.db(
      TABLE_SCAN_FILES,
    )
      .join(TABLE_SERVICES, 'last_good_scan_id', 'scan_id')
      .whereIn(`${TABLE_SERVICES}.entity_ref`, refs)
      .distinct('kind', 'entity_ref');
    const map = new Map<string, Set<string>>();
    for (const row of rows) {
      map.set(
        row.entity_ref,
        (map.get(row.entity_ref) ?? new Set()).add(row.kind),
      );
    }
    return map;
  }

  /** ruleId → entity refs (among `refs`) whose current result has a counting finding. */
  private async failingServicesByRule(
    refs: Knex.QueryBuilder,
  ): Promise<Map<string, Set<string>>> {
    const rows: Array<{ rule_id: string; entity_ref: string }> =
      await whereCounting(
        this.db(TABLE_FINDINGS)
          .join(TABLE_SERVICES, 'last_good_scan_id', 'scan_id')
          .whereIn(`${TABLE_SERVICES}.entity_ref`, refs),
      ).distinct('rule_id', 'entity_ref');
    const map = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = map.get(row.rule_id) ?? new Set<string>();
      set.add(row.entity_ref);
      map.set(row.rule_id, set);
    }
    return map;
  }

  /**
   * Mean score per day over the last 30 days of the services `refs`, taking
   * for each service the latest score it had at the end of that day.
   */
  private async trend(refs: Knex.QueryBuilder): Promise<TrendPoint[]> {
    const since = new Date(this.now().getTime() - TREND_DAYS * 86_400_000);
    // Only the window is read, plus each service's last score before it.
    const baseline: Array<{ entity_ref: string; score: number }> =
      await this.db(`${TABLE_HISTORY} as h`)
        .whereNotNull('h.score')
        .where('h.scanned_at', '<', since)
        .whereIn('h.entity_ref', refs.clone())
        .whereNotExists(
          this.db(`${TABLE_HISTORY} as later`)
            .select('later.id')
            .whereRaw('later.entity_ref = h.entity_ref')
            .whereNotNull('later.score')
            .where('later.scanned_at', '<', since)
            .where(q =>
              q
                .whereRaw('later.scanned_at > h.scanned_at')
                .orWhereRaw(
                  'later.scanned_at = h.scanned_at AND later.id > h.id',
                ),
            ),
        )
        .select('h.entity_ref', 'h.score');
    const rows: DbHistoryRow[] = await this.db(TABLE_HISTORY)
      .whereIn('entity_ref', refs)
      .whereNotNull('score')
      .where('scanned_at', '>=', since)
      .orderBy('scanned_at', 'asc')
      .orderBy('id', 'asc');
    const latest = new Map<string, number>(
      baseline.map(row => [row.entity_ref, row.score]),
    );
    const points: TrendPoint[] = [];
    let day: string | undefined;
    const flush = () => {
      if (day && day >= since.toISOString().slice(0, 10) && latest.size) {
        const values = [...latest.values()];
        points.push({
          date: day,
          meanScore: round1(values.reduce((a, b) => a + b, 0) / values.length),
          services: values.length,
        });
      }
    };
    for (const row of rows) {
      const rowDay = toIsoString(row.scanned_at)!.slice(0, 10);
      if (day !== undefined && rowDay !== day) flush();
      day = rowDay;
      latest.set(row.entity_ref, row.score!);
    }
    flush();
    return points;
  }
}

function round1(value: number) {
  return Math.round(value * 10) / 10;
}

function meanScore(rows: DbServiceRow[]): number | null {
  const scores = rows.map(r => r.score).filter((s): s is number => s !== null);
  return scores.length
    ? round1(scores.reduce((a, b) => a + b, 0) / scores.length)
    : null;
}

function countLevels(rows: DbServiceRow[]): Record<Level, number> {
  const levels = Object.fromEntries(LEVELS.map(l => [l, 0])) as Record<
    Level,
    number
  >;
  for (const row of rows) {
    levels[row.level as Level] += 1;
  }
  return levels;
}

function groupServices(
  rows: DbServiceRow[],
  groupBy: 'owner' | 'system' | 'rule',
  failing: Map<string, Set<string>>,
): ComplianceGroup[] {
  const groups = new Map<string, DbServiceRow[]>();
  const add = (key: string, row: DbServiceRow) =>
    groups.set(key, [...(groups.get(key) ?? []), row]);
  for (const row of rows) {
    if (groupBy === 'rule') {
      for (const [ruleId, refs] of failing) {
        if (refs.has(row.entity_ref)) add(ruleId, row);
      }
    } else {
      add(row[groupBy] ?? '(none)', row);
    }
  }
  return [...groups.entries()]
    .map(([key, members]) => ({
      key,
      services: members.length,
      meanScore: meanScore(members),
      levels: countLevels(members),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Share of the services a rule applies to that pass it: Dockerfile rules
 * (target dockerfile) apply to services with a Dockerfile, build-config rules
 * to services with a CI or build config; analysis problems are not adoption.
 */
function ruleAdoption(
  rows: DbServiceRow[],
  rules: ReadonlyArray<Pick<RuleMetadata, 'id' | 'target'>>,
  failing: Map<string, Set<string>>,
  kinds: Map<string, Set<string>>,
): RuleAdoption[] {
  const scanned = rows.filter(r => r.level !== 'NotApplicable');
  const withDockerfile = scanned.filter(r =>
    kinds.get(r.entity_ref)?.has('dockerfile'),
  );
  const withBuildConfig = scanned.filter(r =>
    [...(kinds.get(r.entity_ref) ?? [])].some(kind => kind !== 'dockerfile'),
  );
  return rules
    .filter(rule => rule.target !== 'analysis')
    .map(({ id: ruleId, target }) => {
      const applicable =
        target === 'dockerfile' ? withDockerfile : withBuildConfig;
      const failed = failing.get(ruleId) ?? new Set<string>();
      const passing = applicable.filter(r => !failed.has(r.entity_ref)).length;
      return {
        ruleId,
        applicable: applicable.length,
        passing,
        percent: applicable.length
          ? round1((passing / applicable.length) * 100)
          : 100,
      };
    });
}

function toComplianceService(row: DbServiceRow): ComplianceService {
  return {
    entityRef: row.entity_ref,
    title: row.title ?? row.entity_ref,
    owner: row.owner,
    system: row.system,
    score: row.score,
    level: row.level as Level | null,
    scannedAt: toIsoString(row.scanned_at),
    stale: Boolean(row.stale),
    hasSource: row.source_url !== null,
    counts: { error: row.errors, warning: row.warnings, info: row.infos },
  };
}
