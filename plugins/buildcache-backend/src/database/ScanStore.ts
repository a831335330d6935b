import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type {
  AnalyzedFile,
  CombinedFix,
  HistoryPoint,
  Level,
  Report,
  ScanSummary,
  Score,
  Severity,
} from '@buildcache/plugin-buildcache-common';
import { type Clock, systemClock } from './clock';
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
import {
  countCounting,
  fromFindingRow,
  type ServiceState,
  type StoredFinding,
  toServiceState,
  insertChunked,
  INSERT_CHUNK,
  toFindingRow,
  toScanSummary,
} from './rowMappers';

/** A catalog entity that buildcache tracks. */
export interface ServiceTarget {
  entityRef: string;
  title: string;
  owner: string | null;
  system: string | null;
  /** The tree to read, or null when the entity has no source location. */
  sourceUrl: string | null;
}

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
 * A file's combined fix as stored: with the text it was made from and the
 * text it leaves, so a fix pull request can commit it without a clone and
 * refuse when the file changed since the scan.
 */
export interface StoredCombinedFix extends CombinedFix {
  before: string;
  after: string;
}

/** An analyzed file of a scan, with its combined fix. */
export interface StoredFile extends AnalyzedFile {
  combinedFix: CombinedFix | null;
}

/** What the API serves of a stored fix (not the file texts). */
function servedFix(fix: CombinedFix): CombinedFix {
  return { diff: fix.diff, fixes: fix.fixes };
}

/**
 * Persists scans and the current result of every service. Each state change
 * runs in one transaction, so readers never see a half-written scan, and a
 * failed scan never touches the last good result.
 */
export class ScanStore {
  /** `now` is the clock every stored timestamp comes from (fixed in tests). */
  constructor(
    private readonly db: Knex,
    private readonly now: Clock = systemClock,
  ) {}

  /**
   * Records catalog data of services. Only new services and those whose
   * title, owner, system or source changed are written, so the frequent
   * discovery pass over a large catalog costs reads, not writes.
   */
  async upsertServices(targets: ServiceTarget[], now = this.now()) {
    for (let i = 0; i < targets.length; i += INSERT_CHUNK) {
      const chunk = targets.slice(i, i + INSERT_CHUNK);
      const known = new Map(
        (
          await this.db<DbServiceRow>(TABLE_SERVICES)
            .whereIn(
              'entity_ref',
              chunk.map(t => t.entityRef),
            )
            .select(
              'entity_ref',
              'title',
              'owner',
              'system',
              'source_url',
              'retired_at',
            )
        ).map(row => [row.entity_ref, row]),
      );
      const rows = chunk
        .filter(t => {
          const row = known.get(t.entityRef);
          return (
            !row ||
            row.title !== t.title ||
            row.owner !== t.owner ||
            row.system !== t.system ||
            row.source_url !== t.sourceUrl ||
            // back in the catalog after it left
            (row.retired_at !== null && row.retired_at !== undefined)
          );
        })
        .map(t => ({
          entity_ref: t.entityRef,
          title: t.title,
          owner: t.owner,
          system: t.system,
          source_url: t.sourceUrl,
          seen_at: now,
          retired_at: null,
        }));
      if (rows.length) {
        await this.db(TABLE_SERVICES)
          .insert(rows)
          .onConflict('entity_ref')
          .merge([
            'title',
            'owner',
            'system',
            'source_url',
            'seen_at',
            'retired_at',
          ]);
      }
    }
  }

  /**
   * Retires the services whose entities are no longer in the catalog (all
   * tracked ones but `present`): they leave the current views and keep
   * their results and history; upsertServices brings them back. Returns
   * the newly retired entity refs.
   */
  async retireAbsent(
    present: readonly string[],
    now = this.now(),
  ): Promise<string[]> {
    const keep = new Set(present);
    const active: Array<{ entity_ref: string }> = await this.db(TABLE_SERVICES)
      .whereNull('retired_at')
      .select('entity_ref');
    const gone = active.map(r => r.entity_ref).filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += INSERT_CHUNK)
      await this.db(TABLE_SERVICES)
        .whereIn('entity_ref', gone.slice(i, i + INSERT_CHUNK))
        .update({ retired_at: now });
    return gone;
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

  async getService(entityRef: string): Promise<ServiceState | undefined> {
    const row = await this.db<DbServiceRow>(TABLE_SERVICES)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toServiceState(row) : undefined;
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
        });
      await tx(TABLE_HISTORY).insert({
        entity_ref: entityRef,
        scan_id: scanId,
        scanned_at: finishedAt,
        score: value,
        level: score.level,
      });
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
      if (
        service.score !== result.score.value ||
        service.level !== result.score.level
      ) {
        await tx(TABLE_HISTORY).insert({
          entity_ref: entityRef,
          scan_id: scanId,
          scanned_at: this.now(),
          score: result.score.value,
          level: result.score.level,
          event: 'waiver',
        });
      }
    });
  }

  async listEntityRefs(filter: { owner?: string; entityRef?: string }) {
    const query = this.db<DbServiceRow>(TABLE_SERVICES).select('entity_ref');
    if (filter.owner) query.where('owner', filter.owner);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    return (await query).map(row => row.entity_ref);
  }

  /** The findings of a scan, each with its row id and covering waiver. */
  /** The service's succeeded scan before `scanId`, if any. */
  async getPreviousGoodScanId(
    entityRef: string,
    scanId: string,
  ): Promise<string | undefined> {
    const current = await this.db<DbScanRow>(TABLE_SCANS)
      .where({ id: scanId })
      .first('finished_at');
    if (!current?.finished_at) return undefined;
    const previous = await this.db<DbScanRow>(TABLE_SCANS)
      .where({ entity_ref: entityRef, status: 'succeeded' })
      .whereNot({ id: scanId })
      .where('finished_at', '<=', current.finished_at)
      .orderBy('finished_at', 'desc')
      .first('id');
    return previous?.id;
  }

  async getFindings(scanId: string): Promise<StoredFinding[]> {
    const rows = await this.db<DbFindingRow>(TABLE_FINDINGS)
      .where({ scan_id: scanId })
      .orderBy([
        { column: 'path' },
        { column: 'line' },
        { column: 'column' },
        { column: 'id' },
      ]);
    return rows.map(fromFindingRow);
  }

  async getFiles(scanId: string): Promise<StoredFile[]> {
    const rows = await this.db(TABLE_SCAN_FILES)
      .where({ scan_id: scanId })
      .orderBy('path');
    return rows.map(r => ({
      path: r.path,
      kind: r.kind,
      facts: JSON.parse(r.facts),
      combinedFix: r.combined_fix
        ? servedFix(JSON.parse(r.combined_fix))
        : null,
    }));
  }

  /**
   * The stored texts of the combined fixes of `paths` in a scan (files
   * without one, or stored before texts were kept, are absent).
   */
  async getFixTexts(
    scanId: string,
    paths: string[],
  ): Promise<Map<string, StoredCombinedFix>> {
    const rows = await this.db(TABLE_SCAN_FILES)
      .where({ scan_id: scanId })
      .whereIn('path', paths)
      .whereNotNull('combined_fix')
      .select('path', 'combined_fix');
    const texts = new Map<string, StoredCombinedFix>();
    for (const row of rows) {
      const fix = JSON.parse(row.combined_fix) as Partial<StoredCombinedFix>;
      if (typeof fix.before === 'string' && typeof fix.after === 'string') {
        texts.set(row.path, fix as StoredCombinedFix);
      }
    }
    return texts;
  }

  async getHistory(entityRef: string, limit: number): Promise<HistoryPoint[]> {
    // NotApplicable results have no score: they are not points of a score line
    const rows = await this.db<DbHistoryRow>(TABLE_HISTORY)
      .where({ entity_ref: entityRef })
      .whereNotNull('score')
      .orderBy('scanned_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(r => ({
      scannedAt: toIsoString(r.scanned_at)!,
      score: r.score!,
      level: r.level as Level,
      event: r.event ?? 'scan',
    }));
  }
}
