import { existsSync, readdirSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import {
  checkCombinedClosure,
  checkFixClosure,
  formatClosureSummary,
  type ClosureCase,
} from './engine/testing/fixClosureCheck';
import { readRepositoryFiles } from './input/readRepositoryFiles';
import { defaultRules } from './rules';
import { FIXTURE_NOW, loadFixtureCases } from './rules/testing/ruleTester';

/**
 * Fix closure as an invariant over every repository we have: the shared
 * corpus (read in place), the example services and every rule fixture.
 * Every offered fix, applied alone, removes its finding and adds none.
 */

const repoRoot = nodePath.resolve(__dirname, '../../..');
const corpus = nodePath.resolve(repoRoot, '../shared/corpus/repos');
const examples = nodePath.join(repoRoot, 'examples');
const rulesDir = nodePath.join(__dirname, 'rules');

const subfolders = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(name => statSync(nodePath.join(dir, name)).isDirectory())
        .sort()
    : [];

async function folderCases(dir: string): Promise<ClosureCase[]> {
  const cases: ClosureCase[] = [];
  for (const name of subfolders(dir)) {
    const tree = await readRepositoryFiles(nodePath.join(dir, name));
    cases.push({
      name,
      files: tree.files,
      options: {
        now: FIXTURE_NOW,
        presentDirectories: tree.presentDirectories,
        skippedFiles: tree.skippedFiles,
      },
    });
  }
  return cases;
}

function fixtureCases(): ClosureCase[] {
  const cases: ClosureCase[] = [];
  for (const rule of defaultRules) {
    const folder = subfolders(rulesDir).find(n => n.startsWith(rule.meta.id));
    if (!folder) continue;
    const { valid, invalid } = loadFixtureCases(
      nodePath.join(rulesDir, folder, 'fixtures'),
    );
    for (const c of [...valid, ...invalid])
      cases.push({
        name: `${folder}/${c.name}`,
        files: Object.entries(c.files).map(([path, text]) => ({
          path,
          content: Buffer.from(text, 'utf8'),
        })),
        options: { now: FIXTURE_NOW, presentDirectories: c.presentDirectories },
      });
  }
  return cases;
}

function expectClosed(title: string, cases: ClosureCase[]) {
  const summary = checkFixClosure(cases);
  // eslint-disable-next-line no-console
  console.log(formatClosureSummary(title, summary));
  expect(summary.failures).toEqual([]);
  return summary;
}

const describeCorpus = existsSync(corpus) ? describe : describe.skip;

describeCorpus('fix closure on the shared corpus', () => {
  it('holds for every fix offered', async () => {
    const cases = await folderCases(corpus);
    expect(cases.length).toBeGreaterThan(0);
    const summary = expectClosed('shared corpus', cases);
    expect(summary.checked).toBeGreaterThan(100);
    expect(checkCombinedClosure(cases)).toEqual([]);
  });
});

describe('fix closure', () => {
  it('holds for every fix offered on the example services', async () => {
    const cases = await folderCases(examples);
    const summary = expectClosed('examples', cases);
    expect(summary.checked).toBeGreaterThan(0);
    expect(checkCombinedClosure(cases)).toEqual([]);
  });

  it('holds for every fix offered on the rule fixtures', () => {
    const cases = fixtureCases();
    const summary = expectClosed('rule fixtures', cases);
    expect(summary.checked).toBeGreaterThan(0);
    expect(checkCombinedClosure(cases)).toEqual([]);
  });
});
