import { screen, waitFor } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheApiRef } from '../../api';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { denyAllPermissionApi } from '../../__testUtils__/permissionApis';
import { WaiversContent } from './WaiversContent';

// A file of its own: usePermission caches decisions per module instance.
describe('WaiversContent without the waiver permission', () => {
  it('lists waivers but offers no removal', async () => {
    const permissionApi = denyAllPermissionApi();
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, createMockBuildcacheApi()],
          [permissionApiRef, permissionApi],
        ]}
      >
        <WaiversContent now={new Date('2030-01-10T12:00:00.000Z')} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('2 of 3 waivers')).toBeInTheDocument();
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      screen.queryByRole('button', { name: /Remove waiver/ }),
    ).not.toBeInTheDocument();
  });
});
