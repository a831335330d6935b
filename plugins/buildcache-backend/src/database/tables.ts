/** Row types of the buildcache tables (see migrations/). */

export const TABLE_SCANS = 'buildcache_scans';
export const TABLE_SCAN_FILES = 'buildcache_scan_files';
export const TABLE_FINDINGS = 'buildcache_findings';
export const TABLE_SERVICES = 'buildcache_services';
export const TABLE_HISTORY = 'buildcache_history';
export const TABLE_DATA_REVISION = 'buildcache_data_revision';

export type DbTimestamp = Date | string | number;

export interface DbScanRow {
  id: string;
  entity_ref: string;
  status: string;
  trigger: string;
  queued_at: DbTimestamp;
  started_at: DbTimestamp | null;
  finished_at: DbTimestamp | null;
  source_url: string | null;
  etag: string | null;
  commit_sha: string | null;
  bytes_read: number | null;
  error: string | null;
}

export interface DbScanFileRow {
  scan_id: string;
  path: string;
  kind: string;
  facts: string;
}

export interface DbFindingRow {
  id?: number;
  scan_id: string;
  rule_id: string;
  severity: string;
  message: string;
  path: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  suppressed: boolean | number;
  suppression_reason: string | null;
  fix_description: string | null;
  fix_diff: string | null;
  waiver_id?: string | null;
}

export interface DbServiceRow {
  entity_ref: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  source_url: string | null;
  last_good_scan_id: string | null;
  last_scan_id: string | null;
  score: number | null;
  level: string | null;
  scanned_at: DbTimestamp | null;
  etag: string | null;
  commit_sha: string | null;
  analysis_key: string | null;
  stale: boolean | number;
  last_error: string | null;
  errors: number;
  warnings: number;
  infos: number;
  /** When the service's catalog data was last recorded as new or changed. */
  seen_at: DbTimestamp;
  /** When it was found missing from the catalog; null while it is there. */
  retired_at?: DbTimestamp | null;
  /** Rollups of the current result (serviceRollups.ts, migration 20261202000500). */
  failing_rules?: string | null;
  has_dockerfile?: boolean | number;
  has_build_config?: boolean | number;
}

export interface DbHistoryRow {
  id?: number;
  entity_ref: string;
  scan_id: string;
  scanned_at: DbTimestamp;
  score: number | null;
  level: string;
  /** What made the point (migration 20261202000400). */
  event?: 'scan' | 'waiver';
  /** The score of the service's previous point (migration 20261202000600). */
  previous_score?: number | null;
}

/** SQLite returns timestamps as strings or numbers, Postgres as Dates. */
export function toIsoString(value: DbTimestamp | number | null): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const date = value instanceof Date ? value : new Date(value);
  return date.toISOString();
}
