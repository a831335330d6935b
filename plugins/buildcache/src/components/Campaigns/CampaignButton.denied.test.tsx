import { screen, waitFor } from '@testing-library/react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheComplianceReadPermission } from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef } from '../../api';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { denyAllPermissionApi } from '../../__testUtils__/permissionApis';
import { CampaignButton } from './CampaignButton';

// A file of its own: usePermission caches decisions per module instance.
describe('CampaignButton without the compliance permission', () => {
  it('is not offered', async () => {
    const permissionApi = denyAllPermissionApi();
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, createMockBuildcacheApi()],
          [permissionApiRef, permissionApi],
        ]}
      >
        <CampaignButton
          filter={{ owner: '', system: '', ruleId: '', level: '' }}
          owners={[]}
          systems={[]}
          rules={[]}
        />
      </TestApiProvider>,
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize.mock.calls[0][0]).toMatchObject({
      permission: buildcacheComplianceReadPermission,
    });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
