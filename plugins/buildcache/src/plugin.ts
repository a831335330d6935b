import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { buildcacheApiRef, BuildcacheClient } from './api';
import {
  rootRouteRef,
  ruleRouteRef,
  sourceRouteRef,
  waiversRouteRef,
} from './routes';

/** The buildcache frontend plugin (legacy frontend system). @public */
export const buildcachePlugin = createPlugin({
  id: 'buildcache',
  apis: [
    createApiFactory({
      api: buildcacheApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new BuildcacheClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    rule: ruleRouteRef,
    waivers: waiversRouteRef,
    source: sourceRouteRef,
  },
});

/**
 * True for entities buildcache scores: components (services, websites,
 * libraries that build images). Use with EntitySwitch.
 * @public
 */
export function isBuildcacheAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}

/** Score, level and rescan for the entity overview page. @public */
export const EntityBuildcacheCard = buildcachePlugin.provide(
  createComponentExtension({
    name: 'EntityBuildcacheCard',
    component: {
      lazy: () =>
        import('./components/EntityScorecardCard').then(
          m => m.EntityBuildcacheCard,
        ),
    },
  }),
);

/** Findings, fixes and score history for an entity page tab. @public */
export const EntityBuildcacheContent = buildcachePlugin.provide(
  createComponentExtension({
    name: 'EntityBuildcacheContent',
    component: {
      lazy: () =>
        import('./components/EntityScorecardContent').then(
          m => m.EntityBuildcacheContent,
        ),
    },
  }),
);

/**
 * The org-wide compliance page, for a route and the sidebar, with the pages
 * under it: rules (/rules/:ruleId), waivers (/waivers) and the source view.
 * @public
 */
export const BuildcacheCompliancePage = buildcachePlugin.provide(
  createRoutableExtension({
    name: 'BuildcacheCompliancePage',
    component: () =>
      import('./components/BuildcacheRouter').then(m => m.BuildcacheRouter),
    mountPoint: rootRouteRef,
  }),
);
