import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildcachePlugin } from '../plugin';
import { localDirectoryUrlReaderFactory } from '../reader/LocalDirectoryUrlReader';
import { pollUntil } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const SERVICES = 12;

describe('several backend replicas on one database', () => {
  // Postgres is the real multi-replica setup; SQLite (one shared connection)
  // runs the same claims wherever Postgres is not configured.
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'buildcache-replicas-'));
    for (let i = 0; i < SERVICES; i++) {
      await mkdir(join(root, `svc-${i}`));
      await writeFile(
        join(root, `svc-${i}`, 'Dockerfile'),
        'FROM node:22\nCOPY package*.json ./\nRUN npm ci\n',
      );
    }
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  const entities = () =>
    Array.from({ length: SERVICES }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${i}`,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${join(
            root,
            `svc-${i}`,
            'catalog-info.yaml',
          )}`,
        },
      },
      spec: {
        type: 'service',
        owner: 'group:default/team-a',
        lifecycle: 'production',
      },
    }));

  it.each(databases.eachSupportedId())(
    'scans each service exactly once per cycle, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const replica = () =>
        startTestBackend({
          features: [
            buildcachePlugin,
            schedulerServiceFactory,
            localDirectoryUrlReaderFactory,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities: entities() }),
            mockServices.rootConfig.factory({
              data: {
                buildcache: {
                  concurrency: 3,
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 5 },
                    initialDelay: { seconds: 1 },
                  },
                  newServicesSchedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 5 },
                    initialDelay: { seconds: 1 },
                  },
                  localRepositories: { allowedRoots: [root] },
                },
              },
            }),
          ],
        });
      // One after the other: started at the same instant on a fresh
      // Postgres, Backstage's own scheduler migrations can race (concurrent
      // CREATE TABLE, pg_type_typname_nsp_index), which is not what this
      // test is about. Both still run every scan cycle side by side.
      const backends = [await replica()];
      backends.push(await replica());
      try {
        await pollUntil(
          async () => {
            const [{ count }] = await knex('buildcache_scans')
              .whereIn('status', ['succeeded', 'failed'])
              .count({ count: '*' });
            return Number(count);
          },
          finished => finished >= SERVICES,
          { timeoutMs: 90_000 },
        );
        // give a would-be duplicate scan time to show up
        await new Promise(r => setTimeout(r, 1500));
        const perService = await knex('buildcache_scans')
          .select('entity_ref')
          .count({ scans: '*' })
          .groupBy('entity_ref');
        expect(perService).toHaveLength(SERVICES);
        expect(perService.map(row => Number(row.scans))).toEqual(
          Array(SERVICES).fill(1),
        );
        const statuses = await knex('buildcache_scans').distinct('status');
        expect(statuses).toEqual([{ status: 'succeeded' }]);
      } finally {
        await Promise.all(backends.map(b => b.stop()));
      }
    },
  );
});
