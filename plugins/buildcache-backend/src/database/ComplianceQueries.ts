import type { Knex } from 'knex';
import {
  type ComplianceFacets,
  type ComplianceService,
  type ComplianceServicesPage,
  type ComplianceServicesQuery,
  type ComplianceSummary,
  type Level,
  type RuleMetadata,
} from '@buildcache/plugin-buildcache-common';
import { type Clock, systemClock } from './clock';
import {
  groupServices,
  ruleAdoption,
  scoreTotal,
  summaryEntries,
  tally,
  trendMoves,
  trendPoints,
} from './complianceSummary';
import { readDataRevision } from './dataRevision';
import { RevisionMemo, type RevisionMemoOptions } from './revisionMemo';
import { decodeRules } from './serviceRollups';
import { currentServicesMatching, type ServiceFilter } from './serviceFilter';
import { DbServiceRow, TABLE_SERVICES, toIsoString } from './tables';

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
  private readonly memo: RevisionMemo | null;

  /**
   * `now` ends the trend window (fixed in tests). With `memo`, a summary
   * (per filter) and the facets are computed once per data revision
   * (dataRevision.ts) and kept for at most its `maxAgeMs` (the trend's
   * window moves with the time); without it, on every call.
   */
  constructor(
    private readonly db: Knex,
    private readonly now: Clock = systemClock,
    options: { memo?: RevisionMemoOptions } = {},
  ) {
    this.memo = options.memo ? new RevisionMemo(options.memo, now) : null;
  }

  /**
   * `compute()`, or its value kept for `key` at the current data revision.
   * The revision is read first: a write committed after it only makes the
   * value newer than its revision, and the next call computes again.
   */
  private async memoized<T>(key: string, compute: () => Promise<T>) {
    if (!this.memo) return compute();
    return this.memo.get(key, await readDataRevision(this.db), compute);
  }

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
    return this.memoized(
      JSON.stringify([
        'summary',
        filter,
        groupBy,
        rules.map(r => [r.id, r.target]),
      ]),
      () => this.computeSummary(filter, groupBy, rules),
    );
  }

  private async computeSummary(
    filter: ServiceFilter,
    groupBy: ComplianceSummary['groupBy'],
    rules: ReadonlyArray<Pick<RuleMetadata, 'id' | 'target'>>,
  ): Promise<ComplianceSummary> {
    const matching = currentServicesMatching(this.db, filter);
    const [entries, moves] = await Promise.all([
      summaryEntries(matching),
      trendMoves(
        this.db,
        filter,
        new Date(this.now().getTime() - TREND_DAYS * 86_400_000),
      ),
    ]);
    return {
      groupBy,
      ...tally(entries),
      // every matching service, scanned or not
      services: entries.length,
      groups: groupBy ? groupServices(entries, groupBy) : [],
      adoption: ruleAdoption(entries, rules),
      trend: trendPoints(moves, scoreTotal(entries)),
    };
  }

  /** Owners and systems of scanned, current services; rules they fail. */
  async facets(): Promise<ComplianceFacets> {
    return this.memoized('facets', () => this.computeFacets());
  }

  private async computeFacets(): Promise<ComplianceFacets> {
    const current = () =>
      this.db(TABLE_SERVICES).whereNull('retired_at').whereNotNull('level');
    const values = async (column: 'owner' | 'system') =>
      (
        (await current()
          .whereNotNull(column)
          .distinct(column)
          .orderBy(column)) as Array<Record<string, string>>
      ).map(r => r[column]);
    // the distinct rule sets are far fewer than the services
    const [owners, systems, ruleSets] = await Promise.all([
      values('owner'),
      values('system'),
      current().distinct('failing_rules') as Promise<
        Array<{ failing_rules: string | null }>
      >,
    ]);
    const ruleIds = new Set(
      ruleSets.flatMap(r => decodeRules(r.failing_rules)),
    );
    return { owners, systems, ruleIds: [...ruleIds].sort() };
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
