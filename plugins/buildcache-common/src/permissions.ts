import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Permissions are resource permissions on catalog entities, so a policy can
 * decide by ownership (e.g. only owners may rescan their service).
 */
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/** Read a service's scorecard and history, and the compliance views. @public */
export const buildcacheScorecardReadPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'buildcache.scorecard.read',
    attributes: { action: 'read' },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });

/** See the org-wide compliance views (every service's level and score). @public */
export const buildcacheComplianceReadPermission = createPermission({
  name: 'buildcache.compliance.read',
  attributes: { action: 'read' },
});

/** Trigger a rescan of one service. @public */
export const buildcacheScanCreatePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'buildcache.scan.create',
    attributes: { action: 'create' },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });

/** Create or delete waivers. @public */
export const buildcacheWaiverManagePermission = createPermission({
  name: 'buildcache.waiver.manage',
  attributes: { action: 'update' },
});

/** File a recommendation ticket for a service. @public */
export const buildcacheTicketCreatePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'buildcache.ticket.create',
    attributes: { action: 'create' },
    resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  });

/** Every permission of the plugin, for registration. @public */
export const buildcachePermissions = [
  buildcacheScorecardReadPermission,
  buildcacheComplianceReadPermission,
  buildcacheScanCreatePermission,
  buildcacheWaiverManagePermission,
  buildcacheTicketCreatePermission,
];
