import type { Knex } from 'knex';
import {
  type ComplianceFacets,
  type ComplianceService,
  type ComplianceServicesPage,
  type ComplianceServicesQuery,
  type ComplianceSummary,
  type Level,
  type RuleMetadata,
  type TrendPoint,
} from '@buildcache/plugin-buildcache-common';
import { type Clock, systemClock } from './clock';
import {
  groupServices,
  round1,
  ruleAdoption,
  tallyServices,
} from './complianceSummary';
import { whereCounting } from './rowMappers';
import { currentServicesMatching, type ServiceFilter } from './serviceFilter';
import {
  DbHistoryRow,
  DbServiceRow,
  TABLE_FINDINGS,
  TABLE_HISTORY,
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
    const [tally, groups, adoption, trend] = await Promise.all([
      tallyServices(matching),
      groupBy ? groupServices(this.db, matching, groupBy) : [],
      ruleAdoption(this.db, matching, rules),
      this.trend(matching.clone().select('entity_ref')),
    ]);
    return { groupBy, ...tally, groups, adoption, trend };
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
