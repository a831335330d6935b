import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type {
  AnalyzedFile,
  Finding,
  HistoryPoint,
  Level,
  Report,
  ScanStatus,
  ScanSummary,
} from '@buildcache/plugin-buildcache-common';
import {
  DbFindingRow,
  DbHistoryRow,
  DbScanRow,
  DbServiceRow,
  TABLE_FINDINGS,
  TABLE_HISTORY,
  TABLE_SCAN_FILES,
  TABLE_SCANS,
  TABLE_SERVICES,
  toIsoString,
} from './tables';

/** A catalog entity that buildcache tracks. */
export interface ServiceTarget {
  entityRef: string;
  title: string;
  owner: string | null;
  system: string | null;
  /** The tree to read, or null when the entity has no source location. */
  sourceUrl: string | null;
}

export interface ScanSuccess {
  etag: string | null;
  commitSha: string | null;
  bytesRead: number;
  report: Report;
}

/** Inserts can be large for big repos: keep each statement well below limits. */
const INSERT_CHUNK = 200;

/**
 * Persists scans and the current result of every service. Each state change
 * runs in one transaction, so readers never see a half-written scan, and a
 * failed scan never touches the last good result.
 */
export class ScanStore {
  constructor(private readonly db: Knex) {}

  async upsertServices(targets: ServiceTarget[], now = new Date()) {
    for (let i = 0; i < targets.length; i += INSERT_CHUNK) {
      const rows = targets.slice(i, i + INSERT_CHUNK).map(t => ({
        entity_ref: t.entityRef,
        title: t.title,
        owner: t.owner,
        system: t.system,
        source_url: t.sourceUrl,
        seen_at: now,
      }));
      await this.db(TABLE_SERVICES)
        .insert(rows)
        .onConflict('entity_ref')
        .merge(['title', 'owner', 'system', 'source_url', 'seen_at']);
    }
  }

  /** Services with a source location that no scan has tried yet. */
  async listNeverScanned(): Promise<string[]> {
    const rows = await this.db<DbServiceRow>(TABLE_SERVICES)
      .whereNotNull('source_url')
      .whereNotExists(
        this.db(TABLE_SCANS)
          .select('id')
          .whereRaw(`${TABLE_SCANS}.entity_ref = ${TABLE_SERVICES}.entity_ref`),
      )
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async getService(entityRef: string): Promise<DbServiceRow | undefined> {
    return this.db<DbServiceRow>(TABLE_SERVICES)
      .where({ entity_ref: entityRef })
      .first();
  }

  /**
   * Creates a queued scan, which claims the service: a unique index allows
   * one queued or running scan per service across all replicas. Returns
   * undefined when another scan of the service is already active.
   */
  async claimScan(options: {
    entityRef: string;
    trigger: 'schedule' | 'user';
    sourceUrl: string | null;
  }): Promise<string | undefined> {
    const id = randomUUID();
    try {
      await this.db(TABLE_SCANS).insert({
        id,
        entity_ref: options.entityRef,
        status: 'queued',
        trigger: options.trigger,
        queued_at: new Date(),
        source_url: options.sourceUrl,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        return undefined;
      }
      throw error;
    }
    return id;
  }

  /** The queued or running scan of a service, if any. */
  async getActiveScan(entityRef: string): Promise<ScanSummary | undefined> {
    const row = await this.db<DbScanRow>(TABLE_SCANS)
      .where({ entity_ref: entityRef })
      .whereIn('status', ['queued', 'running'])
      .first();
    return row ? toScanSummary(row) : undefined;
  }

  /**
   * Fails scans left queued or running since before `cutoff` (a replica died
   * mid-scan), so they stop blocking new scans of their service.
   */
  async abandonStaleScans(cutoff: Date): Promise<number> {
    return this.db(TABLE_SCANS)
      .whereIn('status', ['queued', 'running'])
      .where('queued_at', '<', cutoff)
      .update({
        status: 'failed',
        finished_at: new Date(),
        error:
          'Abandoned: the scan made no progress (its backend instance probably stopped)',
      });
  }

  async markRunning(scanId: string) {
    await this.db(TABLE_SCANS)
      .where({ id: scanId })
      .update({ status: 'running', started_at: new Date() });
  }

  async getScan(scanId: string): Promise<ScanSummary | undefined> {
    const row = await this.db<DbScanRow>(TABLE_SCANS)
      .where({ id: scanId })
      .first();
    return row ? toScanSummary(row) : undefined;
  }

  async getLastScan(entityRef: string): Promise<ScanSummary | undefined> {
    const row = await this.db<DbScanRow>(TABLE_SCANS)
      .where({ entity_ref: entityRef })
      .orderBy('queued_at', 'desc')
      .first();
    return row ? toScanSummary(row) : undefined;
  }

  async completeSucceeded(scanId: string, entityRef: string, s: ScanSuccess) {
    const finishedAt = new Date();
    const counts = countBySeverity(s.report.findings);
    await this.db.transaction(async tx => {
      await tx(TABLE_SCANS).where({ id: scanId }).update({
        status: 'succeeded',
        finished_at: finishedAt,
        etag: s.etag,
        commit_sha: s.commitSha,
        bytes_read: s.bytesRead,
      });
      await insertChunked(
        tx,
        TABLE_SCAN_FILES,
        s.report.files.map(f => ({
          scan_id: scanId,
          path: f.path,
          kind: f.kind,
          facts: JSON.stringify(f.facts),
        })),
      );
      await insertChunked(
        tx,
        TABLE_FINDINGS,
        s.report.findings.map(f => toFindingRow(scanId, f)),
      );
      await tx(TABLE_SERVICES)
        .where({ entity_ref: entityRef })
        .update({
          last_good_scan_id: scanId,
          last_scan_id: scanId,
          score:
            s.report.score.level === 'NotApplicable'
              ? null
              : s.report.score.value,
          level: s.report.score.level,
          scanned_at: finishedAt,
          etag: s.etag,
          commit_sha: s.commitSha,
          stale: false,
          last_error: null,
          errors: counts.error,
          warnings: counts.warning,
          infos: counts.info,
        });
      await tx(TABLE_HISTORY).insert({
        entity_ref: entityRef,
        scan_id: scanId,
        scanned_at: finishedAt,
        score:
          s.report.score.level === 'NotApplicable'
            ? null
            : s.report.score.value,
        level: s.report.score.level,
      });
    });
  }

  /** The tree did not change since the last good scan: keep its result. */
  async completeUnchanged(scanId: string, entityRef: string) {
    const finishedAt = new Date();
    await this.db.transaction(async tx => {
      await tx(TABLE_SCANS)
        .where({ id: scanId })
        .update({ status: 'unchanged', finished_at: finishedAt });
      await tx(TABLE_SERVICES).where({ entity_ref: entityRef }).update({
        last_scan_id: scanId,
        scanned_at: finishedAt,
        stale: false,
        last_error: null,
      });
    });
  }

  /** Records the error; the last good result stays and is marked stale. */
  async completeFailed(scanId: string, entityRef: string, error: string) {
    await this.db.transaction(async tx => {
      await tx(TABLE_SCANS)
        .where({ id: scanId })
        .update({ status: 'failed', finished_at: new Date(), error });
      const service = await tx<DbServiceRow>(TABLE_SERVICES)
        .where({ entity_ref: entityRef })
        .first();
      await tx(TABLE_SERVICES)
        .where({ entity_ref: entityRef })
        .update({
          last_scan_id: scanId,
          last_error: error,
          stale: Boolean(service?.last_good_scan_id),
        });
    });
  }

  async getFindings(scanId: string): Promise<Finding[]> {
    const rows = await this.db<DbFindingRow>(TABLE_FINDINGS)
      .where({ scan_id: scanId })
      .orderBy([{ column: 'path' }, { column: 'line' }, { column: 'column' }]);
    return rows.map(fromFindingRow);
  }

  async getFiles(scanId: string): Promise<AnalyzedFile[]> {
    const rows = await this.db(TABLE_SCAN_FILES)
      .where({ scan_id: scanId })
      .orderBy('path');
    return rows.map(r => ({
      path: r.path,
      kind: r.kind,
      facts: JSON.parse(r.facts),
    }));
  }

  async getHistory(entityRef: string, limit: number): Promise<HistoryPoint[]> {
    const rows = await this.db<DbHistoryRow>(TABLE_HISTORY)
      .where({ entity_ref: entityRef })
      .orderBy('scanned_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(r => ({
      scannedAt: toIsoString(r.scanned_at)!,
      score: r.score ?? 0,
      level: r.level as Level,
    }));
  }
}

async function insertChunked(
  tx: Knex.Transaction,
  table: string,
  rows: object[],
) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx(table).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

function countBySeverity(findings: Finding[]) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    if (!f.suppressed) {
      counts[f.severity] += 1;
    }
  }
  return counts;
}

function toScanSummary(row: DbScanRow): ScanSummary {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    status: row.status as ScanStatus,
    startedAt: toIsoString(row.started_at),
    finishedAt: toIsoString(row.finished_at),
    error: row.error,
  };
}

function toFindingRow(scanId: string, f: Finding): DbFindingRow {
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
  };
}

function fromFindingRow(r: DbFindingRow): Finding {
  return {
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
