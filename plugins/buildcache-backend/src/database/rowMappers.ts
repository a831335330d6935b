import type { Knex } from 'knex';
import type {
  Finding,
  ScanStatus,
  ScanSummary,
} from '@buildcache/plugin-buildcache-common';
import { DbFindingRow, DbScanRow, toIsoString } from './tables';

/** Inserts can be large for big repos: keep each statement well below limits. */
export const INSERT_CHUNK = 200;

export async function insertChunked(
  tx: Knex.Transaction,
  table: string,
  rows: object[],
) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx(table).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

/** Counting findings ({@link isCounting}) by severity. */
export function countCounting(
  findings: ReadonlyArray<Finding & { waiverId?: string | null }>,
) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    if (isCounting(f)) counts[f.severity] += 1;
  }
  return counts;
}

export function toScanSummary(row: DbScanRow): ScanSummary {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    status: row.status as ScanStatus,
    startedAt: toIsoString(row.started_at),
    finishedAt: toIsoString(row.finished_at),
    error: row.error,
  };
}

/** A stored finding: its row id and the waiver that covers it, if any. */
export interface StoredFinding extends Finding {
  id: number;
  waiverId: string | null;
}

/**
 * Whether a finding counts (towards score, level, counts, the rule filter,
 * rule adoption and every export): neither suppressed by a pragma nor
 * waived. The SQL form is {@link whereCounting}.
 */
export function isCounting(f: {
  suppressed: boolean;
  waiverId?: string | null;
}): boolean {
  return !f.suppressed && !f.waiverId;
}

/** {@link isCounting} as a condition on the findings table. */
export function whereCounting(q: Knex.QueryBuilder): Knex.QueryBuilder {
  return q.where({ suppressed: false }).whereNull('waiver_id');
}

export function toFindingRow(
  scanId: string,
  f: Finding,
  waiverId: string | null = null,
): DbFindingRow {
  return {
    scan_id: scanId,
    rule_id: f.ruleId,
    severity: f.severity,
    message: f.message,
    path: f.path,
    line: f.line,
    column: f.column,
    end_line: f.endLine,
    end_column: f.endColumn,
    suppressed: f.suppressed,
    suppression_reason: f.suppressionReason ?? null,
    fix_description: f.fix?.description ?? null,
    fix_diff: f.fix?.diff ?? null,
    waiver_id: waiverId,
  };
}

export function fromFindingRow(r: DbFindingRow): StoredFinding {
  return {
    id: Number(r.id),
    waiverId: r.waiver_id ?? null,
    ruleId: r.rule_id,
    severity: r.severity as Finding['severity'],
    message: r.message,
    path: r.path,
    line: r.line,
    column: r.column,
    endLine: r.end_line,
    endColumn: r.end_column,
    suppressed: Boolean(r.suppressed),
    ...(r.suppression_reason
      ? { suppressionReason: r.suppression_reason }
      : {}),
    fix: r.fix_description
      ? { description: r.fix_description, diff: r.fix_diff }
      : null,
  };
}
