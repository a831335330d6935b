import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import type {
  Report,
  Score,
  Severity,
} from '@buildcache/plugin-buildcache-common';
import {
  type DbServiceRow,
  TABLE_FINDINGS,
  TABLE_SCAN_FILES,
  TABLE_SCANS,
  TABLE_SERVICES,
} from './tables';
import { bumpDataRevision } from './dataRevision';
import { insertHistoryPoint } from './historyPoints';
import {
  refreshServiceRollups,
  rollupColumns,
  rollupOf,
} from './serviceRollups';
import {
  countCounting,
  type StoredFinding,
  insertChunked,
  INSERT_CHUNK,
  toFindingRow,
} from './rowMappers';
import { ScanReads, type StoredCombinedFix } from './ScanReads';

export type { ServiceTarget } from './ServiceStateStore';
export type { StoredCombinedFix, StoredFile } from './ScanReads';

/** A result as it counts: without suppressed and waived findings. */
export interface EffectiveResult {
  score: Score;
  /** Unsuppressed, unwaived findings by severity. */
  counts: Record<Severity, number>;
  /** The waiver covering each finding (same order as the findings), or null. */
  waivedBy: ReadonlyArray<string | null>;
}

export interface ScanSuccess {
  etag: string | null;
  commitSha: string | null;
  bytesRead: number;
  report: Report;
  /** Identifies the analyzer configuration that produced the report. */
  analysisKey?: string;
  /** The result as it counts; defaults to the report's own score. */
  effective?: EffectiveResult;
  /** Combined fix per analyzed file path (files without one are absent). */
  combinedFixes?: ReadonlyMap<string, StoredCombinedFix>;
}

/**
 * Persists scans and the current result of every service. Each state change
 * runs in one transaction, so readers never see a half-written scan, and a
 * failed scan never touches the last good result.
 */
export class ScanStore extends ScanReads {
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
        queued_at: this.now(),
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

  /**
   * Claims many services at once for a scheduled cycle: one insert of
   * scans already running (the cycle starts them right away), skipping
   * services another scan holds (the same unique index as claimScan).
   * Returns the new scan id of each claimed service.
   */
  async claimRunningScans(
    targets: ReadonlyArray<{ entityRef: string; sourceUrl: string | null }>,
  ): Promise<Map<string, string>> {
    const now = this.now();
    const byRef = new Map(targets.map(t => [t.entityRef, t.sourceUrl]));
    const rows = [...byRef].map(([entityRef, sourceUrl]) => ({
      id: randomUUID(),
      entity_ref: entityRef,
      status: 'running',
      trigger: 'schedule',
      queued_at: now,
      started_at: now,
      source_url: sourceUrl,
    }));
    const claimed = new Map<string, string>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      await this.db(TABLE_SCANS).insert(chunk).onConflict().ignore();
      const inserted: Array<{ id: string; entity_ref: string }> = await this.db(
        TABLE_SCANS,
      )
        .whereIn(
          'id',
          chunk.map(r => r.id),
        )
        .select('id', 'entity_ref');
      for (const row of inserted) claimed.set(row.entity_ref, row.id);
    }
    return claimed;
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
        finished_at: this.now(),
        error:
          'Abandoned: the scan made no progress (its backend instance probably stopped)',
      });
  }

  async markRunning(scanId: string) {
    await this.db(TABLE_SCANS)
      .where({ id: scanId })
      .update({ status: 'running', started_at: this.now() });
  }

  async completeSucceeded(scanId: string, entityRef: string, s: ScanSuccess) {
    const finishedAt = this.now();
    const { score, counts, waivedBy } = s.effective ?? {
      score: s.report.score,
      counts: countCounting(s.report.findings),
      waivedBy: [],
    };
    const value = score.level === 'NotApplicable' ? null : score.value;
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
          combined_fix: s.combinedFixes?.has(f.path)
            ? JSON.stringify(s.combinedFixes.get(f.path))
            : null,
        })),
      );
      await insertChunked(
        tx,
        TABLE_FINDINGS,
        s.report.findings.map((f, i) =>
          toFindingRow(scanId, f, waivedBy[i] ?? null),
        ),
      );
      await tx(TABLE_SERVICES)
        .where({ entity_ref: entityRef })
        .update({
          last_good_scan_id: scanId,
          last_scan_id: scanId,
          score: value,
          level: score.level,
          scanned_at: finishedAt,
          etag: s.etag,
          commit_sha: s.commitSha,
          analysis_key: s.analysisKey ?? null,
          stale: false,
          last_error: null,
          errors: counts.error,
          warnings: counts.warning,
          infos: counts.info,
          // what the rows just written say, without reading them back
          ...rollupColumns(
            rollupOf(
              s.report.findings.map((f, i) => ({
                ...f,
                waiverId: waivedBy[i] ?? null,
              })),
              s.report.files.map(f => f.kind),
            ),
          ),
        });
      await insertHistoryPoint(tx, {
        entity_ref: entityRef,
        scan_id: scanId,
        scanned_at: finishedAt,
        score: value,
        level: score.level,
      });
      await bumpDataRevision(tx);
    });
  }

  /** The tree did not change since the last good scan: keep its result. */
  async completeUnchanged(scanId: string, entityRef: string) {
    const finishedAt = this.now();
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
      await bumpDataRevision(tx);
    });
  }

  /**
   * completeUnchanged for many scans, in one transaction of two updates
   * (per chunk): what an unchanged rescan of a large org mostly writes.
   */
  async completeUnchangedMany(
    scans: ReadonlyArray<{ scanId: string; entityRef: string }>,
  ) {
    const finishedAt = this.now();
    await this.db.transaction(async tx => {
      for (let i = 0; i < scans.length; i += INSERT_CHUNK) {
        const chunk = scans.slice(i, i + INSERT_CHUNK);
        await tx(TABLE_SCANS)
          .whereIn(
            'id',
            chunk.map(s => s.scanId),
          )
          .update({ status: 'unchanged', finished_at: finishedAt });
        await tx(TABLE_SERVICES)
          .whereIn(
            'entity_ref',
            chunk.map(s => s.entityRef),
          )
          .update({
            last_scan_id: tx.raw(
              `CASE entity_ref ${chunk
                .map(() => 'WHEN ? THEN ?')
                .join(' ')} END`,
              chunk.flatMap(s => [s.entityRef, s.scanId]),
            ),
            scanned_at: finishedAt,
            stale: false,
            last_error: null,
          });
      }
      await bumpDataRevision(tx);
    });
  }

  /** Records the error; the last good result stays and is marked stale. */
  async completeFailed(scanId: string, entityRef: string, error: string) {
    await this.db.transaction(async tx => {
      await tx(TABLE_SCANS)
        .where({ id: scanId })
        .update({ status: 'failed', finished_at: this.now(), error });
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
      await bumpDataRevision(tx);
    });
  }

  /**
   * Stores a re-scored result: the waiver of each finding (`findings` as
   * read by getFindings, in the order of `result.waivedBy`), the score and
   * counts, and a history point when the score or level moved.
   */
  async updateScore(
    entityRef: string,
    scanId: string,
    findings: readonly StoredFinding[],
    result: EffectiveResult,
  ) {
    await this.db.transaction(async tx => {
      const service = await tx<DbServiceRow>(TABLE_SERVICES)
        .where({ entity_ref: entityRef, last_good_scan_id: scanId })
        .first();
      if (!service) {
        return; // a newer scan replaced this result meanwhile
      }
      const byWaiver = new Map<string | null, number[]>();
      findings.forEach((f, i) => {
        const waiverId = result.waivedBy[i] ?? null;
        if (waiverId === f.waiverId) return;
        byWaiver.set(waiverId, [...(byWaiver.get(waiverId) ?? []), f.id]);
      });
      for (const [waiverId, ids] of byWaiver)
        for (let i = 0; i < ids.length; i += INSERT_CHUNK)
          await tx(TABLE_FINDINGS)
            .whereIn('id', ids.slice(i, i + INSERT_CHUNK))
            .update({ waiver_id: waiverId });
      await tx(TABLE_SERVICES).where({ entity_ref: entityRef }).update({
        score: result.score.value,
        level: result.score.level,
        errors: result.counts.error,
        warnings: result.counts.warning,
        infos: result.counts.info,
      });
      if (byWaiver.size)
        await refreshServiceRollups(tx, { entityRefs: [entityRef] });
      if (
        service.score !== result.score.value ||
        service.level !== result.score.level
      ) {
        await insertHistoryPoint(tx, {
          entity_ref: entityRef,
          scan_id: scanId,
          scanned_at: this.now(),
          score: result.score.value,
          level: result.score.level,
          event: 'waiver',
        });
      }
      await bumpDataRevision(tx);
    });
  }
}
