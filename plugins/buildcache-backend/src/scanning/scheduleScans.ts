import type {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Rescorer } from '../waivers/Rescorer';
import type { ScanStore, ServiceTarget } from '../database/ScanStore';
import { discoverTargets } from './discoverTargets';
import type { ScanRunner } from './ScanRunner';

export const SCAN_ALL_TASK_ID = 'buildcache-scan-all';
export const SCAN_NEW_TASK_ID = 'buildcache-scan-new';

/**
 * Schedules two global tasks (with several replicas on one database, the
 * scheduler's lock lets exactly one replica run each, so every service is
 * scanned once per cycle): the full rescan of every catalogued service, and a
 * frequent, cheap pass that scans only services never scanned before, so a
 * newly registered component gets its score within minutes.
 */
export async function scheduleScans(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  newServicesSchedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
  catalogFilter: Record<string, string | string[]>;
  store: ScanStore;
  runner: ScanRunner;
  rescorer: Pick<Rescorer, 'rescoreExpired'>;
}) {
  const discover = async () => {
    const targets = await discoverTargets({
      catalog: options.catalog,
      auth: options.auth,
      integrations: options.integrations,
      filter: options.catalogFilter,
    });
    await options.store.upsertServices(targets);
    // an empty answer is more likely a catalog hiccup than an empty org:
    // retire nothing then
    if (targets.length > 0) {
      const retired = await options.store.retireAbsent(
        targets.map(t => t.entityRef),
      );
      if (retired.length)
        options.logger.info(
          `Retired ${retired.length} services that left the catalog`,
        );
    }
    return targets;
  };
  const scan = async (
    kind: string,
    targets: ServiceTarget[],
    total: number,
  ) => {
    const started = Date.now();
    const result = await options.runner.scanAll(targets);
    // unchanged services keep their stored result: re-score the ones whose
    // waivers lapsed since (one query, instead of a re-score per service)
    await options.rescorer.rescoreExpired();
    options.logger.info(
      `${kind} over ${total} services in ${Date.now() - started}ms: ` +
        `${result.succeeded} scanned, ${result.unchanged} unchanged, ` +
        `${result.failed} failed, ${result.noSource} without source location, ` +
        `${result.busy} already being scanned`,
    );
  };

  await options.scheduler.scheduleTask({
    id: SCAN_ALL_TASK_ID,
    ...options.schedule,
    scope: 'global',
    fn: async () => {
      const targets = await discover();
      await scan('Scan cycle', targets, targets.length);
    },
  });

  await options.scheduler.scheduleTask({
    id: SCAN_NEW_TASK_ID,
    ...options.newServicesSchedule,
    scope: 'global',
    fn: async () => {
      // the frequent pass also lets expired waivers take effect
      const lapsed = await options.rescorer.rescoreExpired();
      if (lapsed.length)
        options.logger.info(
          `Re-scored ${lapsed.length} services whose waivers expired`,
        );
      const targets = await discover();
      const neverScanned = new Set(await options.store.listNeverScanned());
      const fresh = targets.filter(t => neverScanned.has(t.entityRef));
      if (fresh.length) {
        await scan('New-service scan', fresh, targets.length);
      }
    },
  });
}
