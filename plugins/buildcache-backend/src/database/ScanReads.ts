import type {
  AnalyzedFile,
  CombinedFix,
  HistoryPoint,
  Level,
  ScanSummary,
} from '@buildcache/plugin-buildcache-common';
import {
  type DbFindingRow,
  type DbHistoryRow,
  type DbScanRow,
  TABLE_FINDINGS,
  TABLE_HISTORY,
  TABLE_SCAN_FILES,
  TABLE_SCANS,
  toIsoString,
} from './tables';
import {
  fromFindingRow,
  type StoredFinding,
  toScanSummary,
} from './rowMappers';
import { ServiceStateStore } from './ServiceStateStore';

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
 * Reads of scans and their results: a scan's status, findings, files,
 * combined fixes, and a service's score history (see ScanStore for the
 * writes).
 */
export class ScanReads extends ServiceStateStore {
  /** The queued or running scan of a service, if any. */
  async getActiveScan(entityRef: string): Promise<ScanSummary | undefined> {
    const row = await this.db<DbScanRow>(TABLE_SCANS)
      .where({ entity_ref: entityRef })
      .whereIn('status', ['queued', 'running'])
      .first();
    return row ? toScanSummary(row) : undefined;
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
