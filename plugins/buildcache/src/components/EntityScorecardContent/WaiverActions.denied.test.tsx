import { screen, waitFor } from '@testing-library/react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheApiRef } from '../../api';
import { aptFinding, exportFinding } from '../../__testUtils__/fixtures';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { denyAllPermissionApi } from '../../__testUtils__/permissionApis';
import { WaiverActions } from './WaiverActions';

// A file of its own: usePermission caches decisions per module instance.
describe('WaiverActions without the waiver permission', () => {
  it('offers neither waiving nor removing a waiver', async () => {
    const permissionApi = denyAllPermissionApi();
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, createMockBuildcacheApi()],
          [permissionApiRef, permissionApi],
        ]}
      >
        <WaiverActions
          finding={aptFinding}
          scope={{ entityRef: 'component:default/payments-api' }}
          onChanged={jest.fn()}
        />
        <WaiverActions
          finding={exportFinding}
          scope={{ entityRef: 'component:default/payments-api' }}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
