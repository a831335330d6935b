import { createRouteRef } from '@backstage/core-plugin-api';

/** The org-wide compliance page. */
export const rootRouteRef = createRouteRef({ id: 'buildcache' });
