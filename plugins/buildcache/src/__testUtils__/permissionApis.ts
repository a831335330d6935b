import { mockApis } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** Permission APIs that allow or deny everything. */
export const allowAllPermissionApi = () =>
  mockApis.permission({ authorize: AuthorizeResult.ALLOW });

export const denyAllPermissionApi = () =>
  mockApis.permission({ authorize: AuthorizeResult.DENY });
