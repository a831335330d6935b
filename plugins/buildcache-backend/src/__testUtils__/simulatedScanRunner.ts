import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ScmIntegrations } from '@backstage/integration';
import type { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { ScanStore } from '../database/ScanStore';
import { report } from '../database/testData';
import { WaiverStore } from '../database/WaiverStore';
import type { HeadLookup } from '../scanning/headLookup';
import { ScanRunner } from '../scanning/ScanRunner';
import { Rescorer } from '../waivers/Rescorer';

/**
 * A ScanRunner on a migrated database that reads through Backstage's real
 * URL readers with the given `integrations` config (a simulator's), with
 * batched head lookups made by `heads` from the integrations, and an
 * analyzer that finds nothing.
 */
export async function simulatedScanRunner(options: {
  knex: Knex;
  integrations: object;
  heads: (integrations: ScmIntegrations, logger: LoggerService) => HeadLookup;
}) {
  const { knex } = options;
  await applyDatabaseMigrations(knex);
  const config = mockServices.rootConfig({
    data: { integrations: options.integrations },
  });
  const logger = mockServices.logger.mock();
  const store = new ScanStore(knex);
  const integrations = ScmIntegrations.fromConfig(config);
  const runner = new ScanRunner({
    store,
    rescorer: new Rescorer({
      store,
      waivers: new WaiverStore(knex),
      weights: {},
    }),
    reader: UrlReaders.default({ config, logger }),
    logger,
    analyze: () => report([], 100, 'Gold'),
    limits: { maxFileBytes: 100_000, maxFiles: 10, timeoutMs: 10_000 },
    concurrency: 2,
    heads: options.heads(integrations, logger),
  });
  return { runner, store, integrations };
}
