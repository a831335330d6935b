import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The org-wide compliance page. */
export const rootRouteRef = createRouteRef({ id: 'buildcache' });

/** One rule: its docs and the services failing it. */
export const ruleRouteRef = createSubRouteRef({
  id: 'buildcache/rule',
  parent: rootRouteRef,
  path: '/rules/:ruleId',
});

/** Every waiver, with filters and those about to expire. */
export const waiversRouteRef = createSubRouteRef({
  id: 'buildcache/waivers',
  parent: rootRouteRef,
  path: '/waivers',
});

/** A scanned file of a service without a web view (local sources). */
export const sourceRouteRef = createSubRouteRef({
  id: 'buildcache/source',
  parent: rootRouteRef,
  path: '/source/:namespace/:kind/:name',
});
