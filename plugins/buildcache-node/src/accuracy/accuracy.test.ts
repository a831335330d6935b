import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { findRepoRoot } from '../docs/docsCommand';
import { renderAccuracy } from './accuracyDocs';
import {
  corpusDirectory,
  evaluateAccuracy,
  evaluateSecondCorpus,
  loadExpectations,
} from './evaluate';

const root = findRepoRoot(__dirname) ?? '';
const corpus = corpusDirectory(root);
const present = existsSync(nodePath.join(corpus, 'repos'));
if (!present) {
  // eslint-disable-next-line no-console
  console.warn(`accuracy tests skipped: no corpus at ${corpus}`);
}
const describeWithCorpus = present ? describe : describe.skip;

describe('accuracy expectations', () => {
  it('cover at least 25 corpus files with well-formed entries', () => {
    const e = loadExpectations();
    expect(Object.keys(e.files).length).toBeGreaterThanOrEqual(25);
    for (const [path, items] of Object.entries(e.files)) {
      expect(path).toMatch(/^[^/]+__[^/]+\/.+/);
      for (const item of items) {
        expect(e.rules).toContain(item.ruleId);
        expect(item.line).toBeGreaterThan(0);
      }
    }
  });
});

describeWithCorpus('accuracy on the corpus', () => {
  const result = present ? evaluateAccuracy(corpus) : null;

  it('meets the precision and recall targets', () => {
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.overall.precision ?? 0).toBeGreaterThanOrEqual(0.95);
    expect(result.overall.recall ?? 0).toBeGreaterThanOrEqual(0.9);
    expect(
      result.rules
        .filter(r => r.precision !== null && r.precision < 0.95)
        .map(r => r.ruleId),
    ).toEqual([]);
  });

  it('matches docs/accuracy.md (run docs:generate when this fails)', () => {
    if (!result) return;
    const current = readFileSync(
      nodePath.join(root, 'docs/accuracy.md'),
      'utf8',
    );
    expect(current).toBe(renderAccuracy(result, evaluateSecondCorpus(root)));
  });
});

describe('accuracy on the second corpus (corpus2)', () => {
  const result = evaluateSecondCorpus(root);

  it('is present and covers at least 15 repositories', () => {
    expect(result).not.toBeNull();
    expect(result?.files).toBeGreaterThanOrEqual(50);
  });

  it('meets the precision and recall targets', () => {
    if (!result) return;
    expect(result.overall.precision ?? 0).toBeGreaterThanOrEqual(0.98);
    expect(result.overall.recall ?? 0).toBeGreaterThanOrEqual(0.9);
    expect(
      result.mismatches.filter(m => m.kind === 'false positive'),
    ).toEqual([]);
  });
});
