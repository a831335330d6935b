import { screen, waitFor } from '@testing-library/react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheTicketCreatePermission } from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef } from '../../api';
import { scorecard } from '../../__testUtils__/fixtures';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { denyAllPermissionApi } from '../../__testUtils__/permissionApis';
import { TicketActions } from './TicketActions';

// A file of its own: usePermission caches decisions per module instance.
describe('TicketActions without the ticket permission', () => {
  it('offers neither a ticket nor a fix pull request', async () => {
    const permissionApi = denyAllPermissionApi();
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, createMockBuildcacheApi()],
          [permissionApiRef, permissionApi],
        ]}
      >
        <TicketActions
          entityRef="component:default/payments-api"
          scorecard={scorecard}
          rules={new Map()}
          onFiled={jest.fn()}
        />
      </TestApiProvider>,
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize.mock.calls[0][0]).toMatchObject({
      permission: buildcacheTicketCreatePermission,
      resourceRef: 'component:default/payments-api',
    });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
