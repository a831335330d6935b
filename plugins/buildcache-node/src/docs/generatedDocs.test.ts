import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { defaultRules } from '../rules';
import { findRepoRoot, ruleDocsSource, runDocsCommand } from './docsCommand';
import { renderRuleIndex, ruleDocFiles, staleDocs } from './ruleDocs';

const root = findRepoRoot(__dirname);
const packageDir = nodePath.join(__dirname, '..', '..');

describe('generated rule docs', () => {
  it('are current in docs/rules (run docs:generate when this fails)', () => {
    expect(root).not.toBeNull();
    const docsDir = nodePath.join(root as string, 'docs');
    const expected = ruleDocFiles(defaultRules.map(r => r.meta));
    const actual = new Map<string, string | null>();
    for (const rel of expected.keys()) {
      try {
        actual.set(rel, readFileSync(nodePath.join(docsDir, rel), 'utf8'));
      } catch {
        actual.set(rel, null);
      }
    }
    expect(staleDocs(expected, actual)).toEqual([]);
  });

  it('has a page per rule and an index table linking them', () => {
    const files = ruleDocFiles(defaultRules.map(r => r.meta));
    expect(files.size).toBe(defaultRules.length + 1);
    const index = renderRuleIndex(defaultRules.map(r => r.meta));
    for (const { meta } of defaultRules)
      expect(index).toContain(`[${meta.id}](${meta.id}.md)`);
  });
});

describe('docs command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(nodePath.join(tmpdir(), 'bc-docs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates, then checks clean, then names stale, missing and stray files', () => {
    const log: string[] = [];
    expect(
      runDocsCommand('generate', [ruleDocsSource(packageDir)], dir, l =>
        log.push(l),
      ),
    ).toBe(0);
    expect(
      runDocsCommand(
        'check',
        [ruleDocsSource(packageDir)],
        dir,
        () => undefined,
      ),
    ).toBe(0);
    writeFileSync(nodePath.join(dir, 'rules/BC2001.md'), 'edited\n');
    rmSync(nodePath.join(dir, 'rules/BC2002.md'));
    mkdirSync(nodePath.join(dir, 'rules'), { recursive: true });
    writeFileSync(nodePath.join(dir, 'rules/BC2999.md'), 'stray\n');
    const out: string[] = [];
    expect(
      runDocsCommand('check', [ruleDocsSource(packageDir)], dir, l =>
        out.push(l),
      ),
    ).toBe(1);
    expect(out).toEqual(
      expect.arrayContaining([
        'docs/rules/BC2001.md is stale',
        'docs/rules/BC2002.md is missing',
        'docs/rules/BC2999.md is not generated',
      ]),
    );
  });

  it('skips a source that cannot be generated here', () => {
    const out: string[] = [];
    const code = runDocsCommand(
      'check',
      [{ name: 'x', files: () => ({ skip: 'no corpus' }) }],
      dir,
      l => out.push(l),
    );
    expect(code).toBe(0);
    expect(out).toEqual(['x: skipped (no corpus)']);
  });
});
