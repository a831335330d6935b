import {
  buildcacheComplianceReadPermission,
  buildcachePermissions,
  buildcacheScanCreatePermission,
  buildcacheScorecardReadPermission,
  buildcacheTicketCreatePermission,
  buildcacheWaiverManagePermission,
} from './permissions';

describe('buildcache permissions', () => {
  it('registers every permission once, under the buildcache prefix', () => {
    const names = buildcachePermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'buildcache.scorecard.read',
      'buildcache.compliance.read',
      'buildcache.scan.create',
      'buildcache.waiver.manage',
      'buildcache.ticket.create',
    ]);
  });

  it('makes per-service permissions resource permissions on catalog entities', () => {
    for (const permission of [
      buildcacheScorecardReadPermission,
      buildcacheScanCreatePermission,
      buildcacheTicketCreatePermission,
    ]) {
      expect(permission).toMatchObject({
        type: 'resource',
        resourceType: 'catalog-entity',
      });
    }
    expect(buildcacheComplianceReadPermission.type).toBe('basic');
    expect(buildcacheWaiverManagePermission.type).toBe('basic');
  });

  it('marks reads and changes with the right actions', () => {
    expect(buildcacheScorecardReadPermission.attributes.action).toBe('read');
    expect(buildcacheComplianceReadPermission.attributes.action).toBe('read');
    expect(buildcacheScanCreatePermission.attributes.action).toBe('create');
    expect(buildcacheWaiverManagePermission.attributes.action).toBe('update');
  });
});
