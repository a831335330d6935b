import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityContentBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { buildcacheApiRef } from '../api';
import { createMockBuildcacheApi } from '../__testUtils__/mockBuildcacheApi';
import { allowAllPermissionApi } from '../__testUtils__/permissionApis';
import { paymentsEntity } from '../__testUtils__/fixtures';
import buildcacheFrontendPlugin, {
  buildcacheCompliancePage,
  buildcacheEntityCard,
  buildcacheEntityContent,
} from '../alpha';

describe('buildcache (new frontend system)', () => {
  it('is the buildcache plugin with its api, page, card and tab', () => {
    expect(buildcacheFrontendPlugin.id).toBe('buildcache');
  });

  it('mounts the compliance page at /buildcache', () => {
    const tester = createExtensionTester(buildcacheCompliancePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/buildcache');
    expect(tester.get(coreExtensionData.title)).toBe('BuildKit cache');
  });

  it('renders the compliance page from the API', async () => {
    const api = createMockBuildcacheApi();
    const tester = createExtensionTester(buildcacheCompliancePage);
    await renderInTestApp(tester.reactElement(), {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[buildcacheApiRef, api]],
    });
    expect(
      await screen.findByRole('link', { name: 'Payments API' }),
    ).toBeInTheDocument();
    expect(api.listComplianceServices).toHaveBeenCalledWith(
      expect.objectContaining({ offset: 0, limit: 20, orderBy: 'score' }),
    );
  });

  it('adds a BuildKit cache tab for components', () => {
    const tester = createExtensionTester(buildcacheEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('buildcache');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'BuildKit cache',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(paymentsEntity)).toBe(true);
    expect(filter({ ...paymentsEntity, kind: 'API' })).toBe(false);
  });

  it('renders the entity card with data from the API', async () => {
    const api = createMockBuildcacheApi();
    const tester = createExtensionTester(buildcacheEntityCard);
    expect(
      tester.get(EntityCardBlueprint.dataRefs.filterExpression),
    ).toBeUndefined();
    await renderInTestApp(
      <EntityProvider entity={paymentsEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          [buildcacheApiRef, api],
          [permissionApiRef, allowAllPermissionApi()],
        ],
      },
    );
    expect(await screen.findByText('Silver')).toBeInTheDocument();
    expect(screen.getByText('View findings').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/buildcache',
    );
    expect(api.getScorecard).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
  });
});
