import {
  buildcachePlugin,
  BuildcacheCompliancePage,
  EntityBuildcacheCard,
  EntityBuildcacheContent,
  isBuildcacheAvailable,
} from './plugin';
import { buildcacheApiRef } from './api';
import { paymentsEntity } from './__testUtils__/fixtures';

describe('buildcachePlugin', () => {
  it('has the buildcache id, its API and the compliance route', () => {
    expect(buildcachePlugin.getId()).toBe('buildcache');
    const apiIds = [...buildcachePlugin.getApis()].map(
      factory => factory.api.id,
    );
    expect(apiIds).toEqual([buildcacheApiRef.id]);
    expect(buildcachePlugin.routes.root).toBeDefined();
  });

  it('exports its extensions', () => {
    expect(EntityBuildcacheCard).toBeDefined();
    expect(EntityBuildcacheContent).toBeDefined();
    expect(BuildcacheCompliancePage).toBeDefined();
  });

  it('is available for components only', () => {
    expect(isBuildcacheAvailable(paymentsEntity)).toBe(true);
    expect(
      isBuildcacheAvailable({ ...paymentsEntity, kind: 'component' }),
    ).toBe(true);
    expect(isBuildcacheAvailable({ ...paymentsEntity, kind: 'API' })).toBe(
      false,
    );
    expect(isBuildcacheAvailable({ ...paymentsEntity, kind: 'System' })).toBe(
      false,
    );
  });
});
