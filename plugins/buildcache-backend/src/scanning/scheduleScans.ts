import type {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ScanStore } from '../database/ScanStore';
import { discoverTargets } from './discoverTargets';
import type { ScanRunner } from './ScanRunner';

export const SCAN_ALL_TASK_ID = 'buildcache-scan-all';

/**
 * Schedules the scan of every catalogued service. The task is global: with
 * several replicas on one database, the scheduler's lock lets exactly one of
 * them run each cycle, so every service is scanned once per cycle.
 */
export async function scheduleScans(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
  catalogFilter: Record<string, string | string[]>;
  store: ScanStore;
  runner: ScanRunner;
}) {
  await options.scheduler.scheduleTask({
    id: SCAN_ALL_TASK_ID,
    ...options.schedule,
    scope: 'global',
    fn: async () => {
      const started = Date.now();
      const targets = await discoverTargets({
        catalog: options.catalog,
        auth: options.auth,
        integrations: options.integrations,
        filter: options.catalogFilter,
      });
      await options.store.upsertServices(targets);
      const result = await options.runner.scanAll(targets);
      options.logger.info(
        `Scan cycle over ${targets.length} services in ${Date.now() - started}ms: ` +
          `${result.succeeded} scanned, ${result.unchanged} unchanged, ` +
          `${result.failed} failed, ${result.noSource} without source location`,
      );
    },
  });
}
