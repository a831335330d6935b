import { defaultRules } from '../rules';
import { renderRuleDoc } from './renderRuleDoc';

describe('renderRuleDoc', () => {
  it('renders every section from metadata', () => {
    const doc = renderRuleDoc(defaultRules[0].meta);
    expect(doc).toMatch(/^# BC1001: apt-without-cache-mount\n/);
    for (const heading of [
      '## Why',
      '## How to fix',
      '## Ignoring',
      '## Sources',
    ])
      expect(doc).toContain(heading);
    expect(doc).toContain('# buildcache-ignore BC1001 reason:');
  });
});
