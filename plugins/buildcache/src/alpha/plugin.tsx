import LayersIcon from '@material-ui/icons/Layers';
import { Content } from '@backstage/core-components';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { buildcacheApiRef, BuildcacheClient } from '../api';
import {
  rootRouteRef,
  ruleRouteRef,
  sourceRouteRef,
  waiversRouteRef,
} from '../routes';

const componentsOnly = { kind: 'component' };

// One converted ref, shared by the page and the plugin's routes.
const complianceRouteRef = convertLegacyRouteRef(rootRouteRef);

/** The buildcache API client. @alpha */
export const buildcacheApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: buildcacheApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new BuildcacheClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The compliance page at /buildcache, with the rule, waiver and source pages
 * under it. Its title and icon also make the sidebar entry; the page header
 * comes from the app's page layout.
 * @alpha
 */
export const buildcacheCompliancePage = PageBlueprint.make({
  params: {
    path: '/buildcache',
    title: 'BuildKit cache',
    icon: <LayersIcon />,
    routeRef: complianceRouteRef,
    loader: () =>
      import('../components/BuildcacheRouter').then(m => (
        <Content>
          <m.BuildcacheRoutes />
        </Content>
      )),
  },
});

/** Score card on component overview pages. @alpha */
export const buildcacheEntityCard = EntityCardBlueprint.make({
  params: {
    filter: componentsOnly,
    loader: () =>
      import('../components/EntityScorecardCard').then(m => (
        <m.EntityBuildcacheCard />
      )),
  },
});

/** The BuildKit cache tab of component pages. @alpha */
export const buildcacheEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'buildcache',
    title: 'BuildKit cache',
    filter: componentsOnly,
    loader: () =>
      import('../components/EntityScorecardContent').then(m => (
        <m.EntityBuildcacheContent />
      )),
  },
});

/** buildcache for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'buildcache',
  title: 'BuildKit cache',
  icon: <LayersIcon />,
  routes: {
    root: complianceRouteRef,
    ...convertLegacyRouteRefs({
      rule: ruleRouteRef,
      waivers: waiversRouteRef,
      source: sourceRouteRef,
    }),
  },
  extensions: [
    buildcacheApi,
    buildcacheCompliancePage,
    buildcacheEntityCard,
    buildcacheEntityContent,
  ],
});
