import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the buildcache plugin. */
  buildcache?: {
    /**
     * How often every catalogued service is rescanned. Defaults to every 6
     * hours with a 30 minute timeout, first run 15 seconds after start-up.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * How often the catalog is checked for services never scanned before,
     * which are then scanned at once. Defaults to every 2 minutes.
     */
    newServicesSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Services read and analyzed at the same time (default 4). */
    concurrency?: number;
    /**
     * Catalog filter selecting the services to scan, as accepted by the
     * catalog's entity filter (default `{ kind: Component }`).
     */
    catalogFilter?: { [key: string]: string | string[] };
    limits?: {
      /** Files larger than this are skipped (BC9002). Default 1 MiB. */
      maxFileBytes?: number;
      /** At most this many build files are analyzed per repository (default 500). */
      maxFiles?: number;
      /** Reading one repository is abandoned after this many seconds (default 120). */
      readTimeoutSeconds?: number;
    };
    scoring?: {
      /** Points subtracted per (rule, file) by severity (defaults 20 / 8 / 2). */
      weights?: { error?: number; warning?: number; info?: number };
    };
    /** Per-rule overrides, keyed by rule id (e.g. BC1005). */
    rules?: {
      [ruleId: string]: {
        enabled?: boolean;
        severity?: 'error' | 'warning' | 'info';
      };
    };
    /**
     * Directories the local-directory URL reader may read (`file:` URLs).
     * Used for offline demos and tests; leave unset in production.
     */
    localRepositories?: {
      allowedRoots?: string[];
    };
  };
}
