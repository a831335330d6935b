import { existsSync, readdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import { defaultRules } from './index';

/** Renovate-style: every rule folder on disk is registered, and every registered rule has a folder. */
describe('rule registry vs. disk', () => {
  const folders = readdirSync(__dirname)
    .filter(name => /^BC\d{4}-/.test(name))
    .sort();

  it('finds rule folders', () => {
    expect(folders.length).toBeGreaterThanOrEqual(10);
  });

  it('registers every rule folder in defaultRules, and nothing else', () => {
    const registered = defaultRules
      .map(r => `${r.meta.id}-${r.meta.name}`)
      .sort();
    expect(registered).toEqual(folders);
  });

  it.each(folders)(
    '%s has rule.ts, rule.test.ts and valid/invalid fixtures',
    folder => {
      const dir = nodePath.join(__dirname, folder);
      expect(existsSync(nodePath.join(dir, 'rule.ts'))).toBe(true);
      expect(existsSync(nodePath.join(dir, 'rule.test.ts'))).toBe(true);
      for (const kind of ['valid', 'invalid']) {
        const fixtures = nodePath.join(dir, 'fixtures', kind);
        expect(existsSync(fixtures) && readdirSync(fixtures).length > 0).toBe(
          true,
        );
      }
    },
  );

  it('has unique ids and complete metadata', () => {
    const ids = defaultRules.map(r => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { meta } of defaultRules) {
      expect(meta.id).toMatch(/^BC\d{4}$/);
      expect(meta.name).toMatch(/^[a-z0-9-]+$/);
      expect(['error', 'warning', 'info']).toContain(meta.severity);
      for (const text of [meta.summary, meta.rationale, meta.recommendedFix])
        expect(text.length).toBeGreaterThan(10);
      expect(meta.sources.length).toBeGreaterThan(0);
      expect(meta.docsPath).toBe(`rules/${meta.id}.md`);
    }
  });
});
