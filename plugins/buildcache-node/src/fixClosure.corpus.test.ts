import { existsSync, readdirSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import {
  checkCombinedClosure,
  checkFixClosure,
  checkSinglePass,
  formatClosureSummary,
  type ClosureCase,
  type ClosureSummary,
} from './engine/testing/fixClosureCheck';
import { secondCorpusDirectory, corpusDirectory } from './accuracy/evaluate';
import { findRepoRoot } from './docs/docsCommand';
import { readRepositoryFiles } from './input/readRepositoryFiles';
import { defaultRules } from './rules';
import { FIXTURE_NOW, loadFixtureCases } from './rules/testing/ruleTester';

/**
 * Fix closure as an invariant over every repository we have: the shared
 * corpus (read in place), the second corpus, the example services and
 * every rule fixture.
 * Every offered fix, applied alone, removes its finding and adds none.
 */

const repoRoot = findRepoRoot(__dirname) ?? '';
const corpus = nodePath.join(corpusDirectory(repoRoot), 'repos');
if (!existsSync(corpus)) {
  // eslint-disable-next-line no-console
  console.warn(`fix closure on the corpus skipped: no corpus at ${corpus}`);
}
const corpus2 = secondCorpusDirectory(repoRoot);
const examples = nodePath.join(repoRoot, 'examples');
const rulesDir = nodePath.join(__dirname, 'rules');

const subfolders = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(name => statSync(nodePath.join(dir, name)).isDirectory())
        .sort()
    : [];

async function folderCase(dir: string, name: string): Promise<ClosureCase> {
  const tree = await readRepositoryFiles(nodePath.join(dir, name));
  return {
    name,
    files: tree.files,
    options: {
      now: FIXTURE_NOW,
      presentDirectories: tree.presentDirectories,
      skippedFiles: tree.skippedFiles,
    },
  };
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

function mergeInto(total: ClosureSummary, part: ClosureSummary) {
  total.checked += part.checked;
  total.failures.push(...part.failures);
  for (const key of ['rawFailuresByRule', 'withdrawnByRule'] as const)
    for (const [rule, n] of Object.entries(part[key]))
      total[key][rule] = (total[key][rule] ?? 0) + n;
}

// A whole repository is analyzed again once per fix it offers, several
// times over: a large one takes tens of seconds on a busy 2-core machine.
jest.setTimeout(300_000);

/**
 * Declares one test per case, checking its single and combined fixes, and a
 * last one that prints the summary of them all.
 */
function describeClosure(
  title: string,
  names: string[],
  load: (name: string) => Promise<ClosureCase> | ClosureCase,
) {
  const total: ClosureSummary = {
    checked: 0,
    failures: [],
    rawFailuresByRule: {},
    withdrawnByRule: {},
  };

  it('has cases', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)(
    'holds for every offered fix of %s, single and combined, in one pass too',
    async name => {
      const cases = [await load(name)];
      const summary = checkFixClosure(cases);
      mergeInto(total, summary);
      expect(summary.failures).toEqual([]);
      expect(checkCombinedClosure(cases)).toEqual([]);
      // the backend's single pass gives the same report and combined fixes
      expect(checkSinglePass(cases)).toEqual([]);
    },
  );

  it('checked fixes, summary printed', () => {
    // eslint-disable-next-line no-console
    console.log(formatClosureSummary(title, total));
    expect(total.checked).toBeGreaterThan(0);
  });
}

const describeCorpus = existsSync(corpus) ? describe : describe.skip;

describeCorpus('fix closure on the shared corpus', () => {
  describeClosure('shared corpus', subfolders(corpus), name =>
    folderCase(corpus, name),
  );
});

describe('fix closure on the second corpus (corpus2)', () => {
  describeClosure('second corpus', subfolders(corpus2), name =>
    folderCase(corpus2, name),
  );
});

describe('fix closure on the example services', () => {
  describeClosure('examples', subfolders(examples), name =>
    folderCase(examples, name),
  );
});

describe('fix closure on the rule fixtures', () => {
  const cases = fixtureCases();
  describeClosure(
    'rule fixtures',
    cases.map(c => c.name),
    name => cases.find(c => c.name === name)!,
  );
});
