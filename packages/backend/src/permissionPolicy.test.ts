import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  buildcacheScanCreatePermission,
  buildcacheWaiverManagePermission,
} from '@buildcache/plugin-buildcache-common';
import { DevelopmentPermissionPolicy } from './permissionPolicy';

import { mockCredentials } from '@backstage/backend-test-utils';

const user = {
  credentials: mockCredentials.user('user:default/guest'),
  info: {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest'],
  },
};

describe('DevelopmentPermissionPolicy', () => {
  const policy = new DevelopmentPermissionPolicy();

  it('allows signed-in users to rescan and manage waivers', async () => {
    await expect(
      policy.handle({ permission: buildcacheScanCreatePermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: buildcacheWaiverManagePermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies requests without a user', async () => {
    await expect(
      policy.handle({ permission: buildcacheScanCreatePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
