import { buildcacheRulesExtensionPoint } from './extensions';

describe('buildcacheRulesExtensionPoint', () => {
  it('has the dotted id buildcache.rules', () => {
    expect(buildcacheRulesExtensionPoint.id).toBe('buildcache.rules');
  });
});
