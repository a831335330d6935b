import type { Knex } from 'knex';
import type { Severity } from '@buildcache/plugin-buildcache-common';
import { currentServicesMatching, type ServiceFilter } from './serviceFilter';
import { TABLE_FINDINGS, TABLE_SERVICES } from './tables';

/** Whether a finding counts, or why not. */
export type FindingState = 'open' | 'suppressed' | 'waived';

/** One finding of a service's current result, as the findings CSV lists it. */
export interface FindingExportRow {
  service: string;
  owner: string | null;
  system: string | null;
  rule: string;
  file: string;
  line: number;
  severity: Severity;
  state: FindingState;
}

interface DbExportRow {
  id: number;
  entity_ref: string;
  owner: string | null;
  system: string | null;
  rule_id: string;
  path: string;
  line: number;
  severity: string;
  suppressed: boolean | number;
  waiver_id: string | null;
}

/** Rows read per query while exporting: memory stays bounded by this. */
const PAGE_SIZE = 500;

/** Reads over the findings of every service's current result. */
export class FindingQueries {
  constructor(
    private readonly db: Knex,
    private readonly pageSize: number = PAGE_SIZE,
  ) {}

  /**
   * The findings of the last good scan of each service matching `filter`
   * (with `ruleId`, only that rule's), ordered by service then as the scan
   * reported them, at most `max`. Read page by page (keyset on service and
   * finding id), so a consumer can write each row as it comes.
   */
  async *exportRows(
    filter: ServiceFilter,
    max: number,
  ): AsyncGenerator<FindingExportRow> {
    let after: { ref: string; id: number } | undefined;
    let remaining = max;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = await this.page(filter, after, limit);
      for (const row of rows) {
        yield toExportRow(row);
      }
      remaining -= rows.length;
      if (rows.length < limit) return;
      const last = rows[rows.length - 1];
      after = { ref: last.entity_ref, id: last.id };
    }
  }

  private page(
    filter: ServiceFilter,
    after: { ref: string; id: number } | undefined,
    limit: number,
  ): Promise<DbExportRow[]> {
    const q = this.db(`${TABLE_FINDINGS} as f`)
      .join(`${TABLE_SERVICES} as s`, 's.last_good_scan_id', 'f.scan_id')
      .whereIn(
        's.entity_ref',
        currentServicesMatching(this.db, filter).select('entity_ref'),
      );
    if (filter.ruleId) q.where('f.rule_id', filter.ruleId);
    if (after) {
      q.where(inner =>
        inner
          .where('s.entity_ref', '>', after.ref)
          .orWhere(same =>
            same.where('s.entity_ref', after.ref).where('f.id', '>', after.id),
          ),
      );
    }
    return q
      .select(
        'f.id',
        's.entity_ref',
        's.owner',
        's.system',
        'f.rule_id',
        'f.path',
        'f.line',
        'f.severity',
        'f.suppressed',
        'f.waiver_id',
      )
      .orderBy('s.entity_ref', 'asc')
      .orderBy('f.id', 'asc')
      .limit(limit);
  }
}

function toExportRow(row: DbExportRow): FindingExportRow {
  let state: FindingState = 'open';
  if (row.suppressed) state = 'suppressed';
  else if (row.waiver_id) state = 'waived';
  return {
    service: row.entity_ref,
    owner: row.owner,
    system: row.system,
    rule: row.rule_id,
    file: row.path,
    line: row.line,
    severity: row.severity as Severity,
    state,
  };
}
