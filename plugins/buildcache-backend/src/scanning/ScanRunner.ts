import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { Report } from '@buildcache/plugin-buildcache-common';
import type { ScanStore, ServiceTarget } from '../database/ScanStore';
import { forEachWithConcurrency } from './concurrency';
import { createScanMetrics } from './scanMetrics';
import {
  readRepositoryTree,
  type ReadLimits,
  type RepositoryTree,
} from './readRepository';

/** Turns a repository tree into a report (the configured analyzer). */
export type AnalyzeTree = (tree: RepositoryTree, root: string) => Report;

export interface ScanRunnerOptions {
  store: ScanStore;
  reader: UrlReaderService;
  logger: LoggerService;
  analyze: AnalyzeTree;
  limits: ReadLimits;
  concurrency: number;
}

export interface CycleResult {
  succeeded: number;
  unchanged: number;
  failed: number;
  noSource: number;
}

/**
 * Reads and analyzes services. One service's failure is recorded on its scan
 * and never affects the others; a cycle runs at most `concurrency` services
 * at once so a large org neither floods the SCM nor the event loop.
 */
export class ScanRunner {
  private readonly inFlight = new Map<string, string>();
  private readonly metrics = createScanMetrics();

  constructor(private readonly options: ScanRunnerOptions) {}

  async scanAll(targets: ServiceTarget[]): Promise<CycleResult> {
    const result: CycleResult = {
      succeeded: 0,
      unchanged: 0,
      failed: 0,
      noSource: 0,
    };
    const scannable = targets.filter(t => t.sourceUrl !== null);
    result.noSource = targets.length - scannable.length;
    await forEachWithConcurrency(
      scannable,
      this.options.concurrency,
      async target => {
        if (this.inFlight.has(target.entityRef)) {
          return;
        }
        const scanId = await this.options.store.createScan({
          entityRef: target.entityRef,
          trigger: 'schedule',
          sourceUrl: target.sourceUrl,
        });
        const status = await this.run(target, scanId);
        result[status] += 1;
      },
    );
    return result;
  }

  /**
   * Queues a user-requested scan and runs it in the background. Returns the
   * id of the scan, or of the one already running for that service.
   */
  async requestScan(target: ServiceTarget): Promise<string> {
    const running = this.inFlight.get(target.entityRef);
    if (running) {
      return running;
    }
    const scanId = await this.options.store.createScan({
      entityRef: target.entityRef,
      trigger: 'user',
      sourceUrl: target.sourceUrl,
    });
    if (target.sourceUrl === null) {
      await this.options.store.completeFailed(
        scanId,
        target.entityRef,
        'The entity has no source location (backstage.io/source-location or backstage.io/managed-by-location) to read',
      );
      return scanId;
    }
    // Not awaited on purpose: the caller gets 202 and polls the scan. run()
    // records every failure itself and never rejects.
    void this.run(target, scanId);
    return scanId;
  }

  /** Waits for every background scan (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  private async run(
    target: ServiceTarget,
    scanId: string,
  ): Promise<'succeeded' | 'unchanged' | 'failed'> {
    const { store, logger } = this.options;
    const log = logger.child({ entityRef: target.entityRef, scanId });
    this.inFlight.set(target.entityRef, scanId);
    const started = Date.now();
    let bytesRead = 0;
    let status: 'succeeded' | 'unchanged' | 'failed' = 'failed';
    try {
      await store.markRunning(scanId);
      const service = await store.getService(target.entityRef);
      const tree = await readRepositoryTree(
        this.options.reader,
        target.sourceUrl!,
        service?.last_good_scan_id ? service.etag : null,
        this.options.limits,
      );
      if (tree === 'unchanged') {
        await store.completeUnchanged(scanId, target.entityRef);
        log.debug(`Repository unchanged since the last scan`);
        status = 'unchanged';
        return status;
      }
      bytesRead = tree.bytesRead;
      const report = this.options.analyze(tree, target.sourceUrl!);
      await store.completeSucceeded(scanId, target.entityRef, {
        etag: tree.etag,
        commitSha: tree.commitSha,
        bytesRead: tree.bytesRead,
        report,
      });
      log.info(
        `Scanned ${tree.files.length} build files in ${
          Date.now() - started
        }ms: score ${report.score.value} (${report.score.level})`,
      );
      status = 'succeeded';
      return status;
    } catch (error) {
      const message = stringifyError(error);
      log.warn(`Scan failed: ${message}`);
      try {
        await store.completeFailed(scanId, target.entityRef, message);
      } catch (storeError) {
        log.error(
          `Could not record the failed scan: ${stringifyError(storeError)}`,
        );
      }
      return 'failed';
    } finally {
      this.inFlight.delete(target.entityRef);
      this.metrics.recordScan(status, (Date.now() - started) / 1000, bytesRead);
    }
  }
}
