import { mockApis } from '@backstage/test-utils';

type MockPermissionOptions = NonNullable<
  Parameters<typeof mockApis.permission>[0]
>;
type Decision = Exclude<
  MockPermissionOptions['authorize'],
  Function | undefined
>;

/**
 * Permission APIs that allow or deny everything. AuthorizeResult lives in
 * @backstage/plugin-permission-common, which this package does not declare;
 * its values are the strings 'ALLOW' and 'DENY'.
 */
export const allowAllPermissionApi = () =>
  mockApis.permission({ authorize: 'ALLOW' as Decision });

export const denyAllPermissionApi = () =>
  mockApis.permission({ authorize: 'DENY' as Decision });
