import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { Report } from '@buildcache/plugin-buildcache-common';
import type {
  ScanStore,
  ServiceTarget,
  StoredCombinedFix,
} from '../database/ScanStore';
import type { ServiceState } from '../database/rowMappers';
import { forEachWithConcurrency } from './concurrency';
import type { HeadLookup } from './headLookup';
import type { ReadBudget } from './githubRateBudget';
import {
  createDownloadSlots,
  readRepositoryTree,
  type DownloadSlots,
  type ReadLimits,
  type RepositoryTree,
} from './readRepository';
import type { ReadRetryOptions } from './readRetry';
import { createScanMetrics } from './scanMetrics';
import type { Rescorer } from '../waivers/Rescorer';

/** Turns a repository tree into a report (the configured analyzer). */
export type AnalyzeTree = (
  tree: RepositoryTree,
  root: string,
) => Report | Promise<Report>;
/** Every fix of each file of a tree, combined per file. */
export type CombineTree = (
  tree: RepositoryTree,
  root: string,
) =>
  | ReadonlyMap<string, StoredCombinedFix>
  | Promise<ReadonlyMap<string, StoredCombinedFix>>;

export interface ScanRunnerOptions {
  store: ScanStore;
  rescorer: Pick<Rescorer, 'effective' | 'rescore'>;
  reader: UrlReaderService;
  logger: LoggerService;
  analyze: AnalyzeTree;
  /** Computes the combined fix of each file; none are stored without it. */
  combine?: CombineTree;
  /**
   * Identifies the analyzer (version, rules, configuration): a result made
   * by another one is redone even when the repository did not change.
   */
  analysisKey?: string;
  limits: ReadLimits;
  /** Repositories downloaded and analyzed at once. */
  concurrency: number;
  /**
   * Repositories a cycle works on at once, counting those still at the
   * ETag lookup (default 2 × concurrency): unchanged repositories cost one
   * small request each, so checking more of them than are downloaded
   * keeps the lookups' round trips off the critical path.
   */
  lookahead?: number;
  /** Paces reads by the SCM's API budget (the GitHub rate limit). */
  budget?: ReadBudget;
  /**
   * Resolves a cycle's repository heads in batches (GitHub and GitLab
   * GraphQL): a service whose stored ETag is its head is unchanged without
   * a read.
   */
  heads?: HeadLookup;
  /** How failed reads are retried (defaults in readRetry.ts). */
  retry?: ReadRetryOptions;
}

export interface CycleResult {
  succeeded: number;
  unchanged: number;
  failed: number;
  noSource: number;
  /** Services another scan (on any replica) was already working on. */
  busy: number;
}

type ScanOutcome = 'succeeded' | 'unchanged' | 'failed';

/** Services of a cycle claimed together (see scanAll). */
interface ClaimedBatch {
  /** The scan of each claimed service (the others are busy elsewhere). */
  scanIds: ReadonlyMap<string, string>;
  /** Their state, read once they were claimed. */
  services: ReadonlyMap<string, ServiceState>;
  /** Unchanged scans to complete together once the whole batch is done. */
  unchanged: Array<{ scanId: string; entityRef: string }>;
  /** Called once per service of the batch; the last call completes it. */
  settle(): Promise<void>;
}

/** What a cycle's batch already did for one service's scan. */
interface Prepared {
  service: ServiceState | null;
  /** Completes the scan as unchanged (later, with its batch). */
  completeUnchanged(): void;
  /** The head the cycle's batched lookup found, if any (see HeadLookup). */
  head?(): Promise<string | undefined>;
}

const NO_SOURCE_ERROR =
  'The entity has no source location (backstage.io/source-location or backstage.io/managed-by-location) to read';

/**
 * Reads and analyzes services. One service's failure is recorded on its scan
 * and never affects the others; a cycle runs at most `concurrency` services
 * at once so a large org neither floods the SCM nor the event loop. Every
 * scan first claims its service in the database, so replicas never scan one
 * service twice at the same time.
 */
export class ScanRunner {
  private readonly running = new Set<Promise<ScanOutcome>>();
  private readonly metrics = createScanMetrics();
  private readonly downloads: DownloadSlots;

  constructor(private readonly options: ScanRunnerOptions) {
    this.downloads = createDownloadSlots(options.concurrency);
  }

  async scanAll(targets: ServiceTarget[]): Promise<CycleResult> {
    const result: CycleResult = {
      succeeded: 0,
      unchanged: 0,
      failed: 0,
      noSource: 0,
      busy: 0,
    };
    await this.abandonStaleScans();
    this.options.budget?.startCycle?.();
    const scannable = targets.filter(t => t.sourceUrl !== null);
    result.noSource = targets.length - scannable.length;
    // the heads of the whole cycle are asked for at once, in batches; each
    // service waits only for its own batch (bounded by the read timeout)
    const heads = this.options.heads?.startCycle(
      scannable.map(t => t.sourceUrl!),
      this.options.limits.timeoutMs,
    );
    // Services are claimed, read from the database and (when unchanged)
    // completed in batches of `lookahead`: a few statements per batch
    // instead of several per service. A batch is claimed when the first of
    // its services is due, so a claimed service waits at most for the
    // services already in flight.
    const batchSize = this.options.lookahead ?? 2 * this.options.concurrency;
    const batches = new Map<number, Promise<ClaimedBatch>>();
    const batchOf = (index: number) => {
      const start = index - (index % batchSize);
      let batch = batches.get(start);
      if (!batch) {
        batch = this.claimBatch(scannable.slice(start, start + batchSize));
        batches.set(start, batch);
      }
      return batch;
    };
    await forEachWithConcurrency(
      scannable.map((target, index) => ({ target, index })),
      batchSize,
      async ({ target, index }) => {
        const batch = await batchOf(index);
        const scanId = batch.scanIds.get(target.entityRef);
        if (!scanId) {
          result.busy += 1;
          await batch.settle();
          return;
        }
        // unchanged services are not re-scored one by one: scheduleScans
        // re-scores those with lapsed waivers once the cycle is done
        const outcome = await this.track(
          this.run(target, scanId, false, {
            service: batch.services.get(target.entityRef) ?? null,
            completeUnchanged: () => {
              batch.unchanged.push({ scanId, entityRef: target.entityRef });
            },
            head: heads && (() => heads.headOf(target.sourceUrl!)),
          }),
        );
        result[outcome] += 1;
        await batch.settle();
      },
    );
    return result;
  }

  /**
   * Claims services for a cycle (scans marked running at once), reads their
   * state, and completes the unchanged ones in one transaction when every
   * service of the batch has settled. The state is read after claiming:
   * while the claim holds, no other scan can change it.
   */
  private async claimBatch(targets: ServiceTarget[]): Promise<ClaimedBatch> {
    const { store, logger } = this.options;
    const scanIds = await store.claimRunningScans(targets);
    const services = scanIds.size
      ? await store.getServices([...scanIds.keys()])
      : new Map<string, ServiceState>();
    const unchanged: ClaimedBatch['unchanged'] = [];
    let pending = targets.length;
    let done: Promise<void> | undefined;
    const complete = async () => {
      if (!unchanged.length) return;
      try {
        await store.completeUnchangedMany(unchanged);
      } catch (error) {
        logger.warn(
          `Could not record ${
            unchanged.length
          } unchanged scans at once, recording them one by one: ${stringifyError(
            error,
          )}`,
        );
        for (const { scanId, entityRef } of unchanged)
          await store
            .completeUnchanged(scanId, entityRef)
            .catch(e =>
              logger.error(
                `Could not record the unchanged scan of ${entityRef}: ${stringifyError(
                  e,
                )}`,
              ),
            );
      }
    };
    return {
      scanIds,
      services,
      unchanged,
      settle: () => {
        pending -= 1;
        if (pending === 0) done = complete();
        return done ?? Promise.resolve();
      },
    };
  }

  /**
   * Queues a user-requested scan and runs it in the background. Returns the
   * id of the new scan, or of the one already active for that service.
   */
  async requestScan(target: ServiceTarget): Promise<string> {
    const { store } = this.options;
    const scanId = await store.claimScan({
      entityRef: target.entityRef,
      trigger: 'user',
      sourceUrl: target.sourceUrl,
    });
    if (!scanId) {
      const active = await store.getActiveScan(target.entityRef);
      if (active) {
        return active.id;
      }
      // The active scan finished between the two queries: claim again.
      return this.requestScan(target);
    }
    if (target.sourceUrl === null) {
      await store.completeFailed(scanId, target.entityRef, NO_SOURCE_ERROR);
      return scanId;
    }
    // Not awaited: the caller gets 202 and polls the scan. run() records
    // every failure itself and never rejects.
    void this.track(this.run(target, scanId));
    return scanId;
  }

  /** Waits for every scan this instance started (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running.size) {
      await Promise.all([...this.running]);
    }
  }

  /**
   * The combined fixes of a tree; a failure here loses only them, never the
   * scan (it is logged, and the scorecard offers per-finding fixes).
   */
  private async combinedFixes(
    tree: RepositoryTree,
    root: string,
    log: LoggerService,
  ): Promise<ReadonlyMap<string, StoredCombinedFix> | undefined> {
    if (!this.options.combine) return undefined;
    try {
      return await this.options.combine(tree, root);
    } catch (error) {
      log.warn(`Combining fixes failed: ${stringifyError(error)}`);
      return undefined;
    }
  }

  private async abandonStaleScans() {
    // A scan never legitimately lasts longer than its read timeout plus the
    // analysis; twice the timeout leaves ample margin.
    const cutoff = new Date(Date.now() - 2 * this.options.limits.timeoutMs);
    const abandoned = await this.options.store.abandonStaleScans(cutoff);
    if (abandoned) {
      this.options.logger.warn(`Marked ${abandoned} stuck scans as failed`);
    }
  }

  private track(scan: Promise<ScanOutcome>): Promise<ScanOutcome> {
    this.running.add(scan);
    return scan.finally(() => this.running.delete(scan));
  }

  private async run(
    target: ServiceTarget,
    scanId: string,
    rescoreUnchanged = true,
    prepared?: Prepared,
  ): Promise<ScanOutcome> {
    const { store, logger } = this.options;
    const log = logger.child({ entityRef: target.entityRef, scanId });
    const started = Date.now();
    let bytesRead = 0;
    let outcome: ScanOutcome = 'failed';
    try {
      let service = prepared?.service;
      if (!prepared) {
        await store.markRunning(scanId);
        service = await store.getService(target.entityRef);
      }
      const previousEtag =
        service?.lastGoodScanId &&
        service.analysisKey === (this.options.analysisKey ?? null)
          ? service.etag
          : null;
      // the head the reader would compare the ETag with, already known:
      // an unchanged repository costs no request of its own
      const knownHead =
        previousEtag && prepared?.head ? await prepared.head() : undefined;
      const tree =
        knownHead !== undefined && knownHead === previousEtag
          ? 'unchanged'
          : await readRepositoryTree(
              this.options.reader,
              target.sourceUrl!,
              previousEtag,
              this.options.limits,
              {
                budget: this.options.budget,
                downloads: this.downloads,
                retry: this.options.retry,
                onRetry: message => log.info(message),
              },
            );
      if (tree === 'unchanged') {
        if (prepared) prepared.completeUnchanged();
        else await store.completeUnchanged(scanId, target.entityRef);
        // waivers may have expired since the result was scored
        if (rescoreUnchanged)
          await this.options.rescorer.rescore([target.entityRef]);
        log.debug('Repository unchanged since the last scan');
        outcome = 'unchanged';
        return outcome;
      }
      bytesRead = tree.bytesRead;
      const report = await this.options.analyze(tree, target.sourceUrl!);
      const effective = await this.options.rescorer.effective(
        target,
        report.findings,
        report.score.level !== 'NotApplicable',
      );
      await store.completeSucceeded(scanId, target.entityRef, {
        etag: tree.etag,
        commitSha: tree.commitSha,
        bytesRead: tree.bytesRead,
        report,
        effective,
        analysisKey: this.options.analysisKey,
        combinedFixes: await this.combinedFixes(tree, target.sourceUrl!, log),
      });
      log.info(
        `Scanned ${tree.files.length} build files in ${
          Date.now() - started
        }ms: ` + `score ${effective.score.value} (${effective.score.level})`,
      );
      outcome = 'succeeded';
      return outcome;
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
      return outcome;
    } finally {
      this.metrics.recordScan(
        outcome,
        (Date.now() - started) / 1000,
        bytesRead,
      );
    }
  }
}
