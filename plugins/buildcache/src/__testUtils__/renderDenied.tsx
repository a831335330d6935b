import type { ReactElement } from 'react';
import { waitFor } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheApiRef } from '../api';
import { createMockBuildcacheApi } from './mockBuildcacheApi';
import { denyAllPermissionApi } from './permissionApis';

/**
 * Renders `element` for a user denied every permission, and waits until a
 * permission was asked for; returns the spy on the permission API. Each
 * caller is a test file of its own: usePermission caches decisions per
 * module instance.
 */
export async function renderDenied(element: ReactElement) {
  const permissionApi = denyAllPermissionApi();
  const authorize = jest.spyOn(permissionApi, 'authorize');
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [buildcacheApiRef, createMockBuildcacheApi()],
        [permissionApiRef, permissionApi],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await waitFor(() => expect(authorize).toHaveBeenCalled());
  return authorize;
}
