import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { urlReaderServiceFactory } from '@backstage/backend-defaults/urlReader';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ScmSimulator } from '@buildcache/scm-simulator';
import type { Knex } from 'knex';
import { buildcachePlugin } from '../plugin';
import { testBuildcacheConfig } from './testBackend';

/** The token the simulators of these tests require. */
export const SIMULATOR_TOKEN = 'test-token';

/** `integrations` config for the simulator, GitHub Enterprise style. */
export function simulatorIntegrations(sim: ScmSimulator) {
  return {
    github: [
      {
        host: new URL(sim.url).host,
        apiBaseUrl: sim.githubApiUrl,
        rawBaseUrl: sim.githubRawUrl,
        token: SIMULATOR_TOKEN,
      },
    ],
  };
}

/** A catalog component whose source is repository acme/<name> on the simulator. */
export function simulatedEntity(sim: ScmSimulator, name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `url:${sim.url}/acme/${name}/tree/main/`,
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/team-a',
      lifecycle: 'production',
    },
  };
}

/**
 * The buildcache backend plugin reading through Backstage's real GitHub URL
 * reader and filing through the real providers, both pointed at `sim`
 * (GitHub Enterprise style: apiBaseUrl on the simulator), over `knex`.
 * Scheduled scans stay out of the way; `buildcache` adds to the config.
 */
export function startSimulatedBackend(options: {
  sim: ScmSimulator;
  knex: Knex;
  names: string[];
  buildcache?: Record<string, unknown>;
}) {
  const { sim, knex } = options;
  return startTestBackend({
    features: [
      buildcachePlugin,
      schedulerServiceFactory,
      urlReaderServiceFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: options.names.map(name => simulatedEntity(sim, name)),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          integrations: simulatorIntegrations(sim),
          buildcache: {
            ...testBuildcacheConfig('/nonexistent').buildcache,
            ...options.buildcache,
          },
        },
      }),
    ],
  });
}
