import type { Knex } from 'knex';
import type {
  Finding,
  Level,
  ScanStatus,
  ScanSummary,
  Severity,
} from '@buildcache/plugin-buildcache-common';
import { DbFindingRow, DbScanRow, DbServiceRow, toIsoString } from './tables';

/** A tracked service and its current result, as the layers above see it. */
export interface ServiceState {
  entityRef: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  sourceUrl: string | null;
  /** The scan whose result is current (null until one succeeded). */
  lastGoodScanId: string | null;
  lastScanId: string | null;
  score: number | null;
  level: Level | null;
  scannedAt: string | null;
  etag: string | null;
  commitSha: string | null;
  /** The analyzer configuration that produced the current result. */
  analysisKey: string | null;
  /** True when the last scan failed after a good one. */
  stale: boolean;
  lastError: string | null;
  /** Counting findings by severity. */
  counts: Record<Severity, number>;
  /** When its catalog data was last recorded as new or changed. */
  seenAt: string | null;
}

export function toServiceState(r: DbServiceRow): ServiceState {
  return {
    entityRef: r.entity_ref,
    title: r.title,
    owner: r.owner,
    system: r.system,
    sourceUrl: r.source_url,
    lastGoodScanId: r.last_good_scan_id,
    lastScanId: r.last_scan_id,
    score: r.score,
    level: r.level as Level | null,
    scannedAt: toIsoString(r.scanned_at),
    etag: r.etag,
    commitSha: r.commit_sha,
    analysisKey: r.analysis_key,
    stale: Boolean(r.stale),
    lastError: r.last_error,
    counts: { error: r.errors, warning: r.warnings, info: r.infos },
    seenAt: toIsoString(r.seen_at),
  };
}

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
