import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { applyPatch } from 'diff';
import { defaultRules } from '../rules';
import { generatedDir } from './docsCommand';
import { renderRuleDoc } from './renderRuleDoc';
import { ruleExamples } from './ruleExamples';

const packageDir = nodePath.join(__dirname, '..', '..');
const examples = ruleExamples(
  defaultRules,
  nodePath.join(packageDir, 'src', 'rules'),
);

describe('rule examples', () => {
  it('are current in generated/ruleExamples.json (run docs:generate when this fails)', () => {
    const stored = JSON.parse(
      readFileSync(
        nodePath.join(generatedDir(packageDir), 'ruleExamples.json'),
        'utf8',
      ),
    );
    expect(stored).toEqual(examples);
  });

  it('show most rules on a fixture, without the tester annotations', () => {
    expect(Object.keys(examples).length).toBeGreaterThanOrEqual(
      defaultRules.length - 2,
    );
    for (const example of Object.values(examples)) {
      expect(example.text).not.toMatch(/#\s*expect:/);
      expect(example.message.length).toBeGreaterThan(0);
    }
  });

  it('offer diffs that apply to the example', () => {
    const withDiff = Object.entries(examples).filter(([, e]) => e.diff);
    expect(withDiff.length).toBeGreaterThan(20);
    for (const [id, example] of withDiff) {
      expect([id, applyPatch(example.text, example.diff!)]).not.toEqual([
        id,
        false,
      ]);
    }
  });

  it('are rendered on the rule page, in a fence longer than any backtick run', () => {
    const doc = renderRuleDoc(defaultRules[0].meta, {
      path: '.github/workflows/ci.yml',
      text: 'run: echo ```\n',
      message: 'm',
      diff: null,
    });
    expect(doc).toContain('## Example');
    expect(doc).toContain('````yaml\nrun: echo ```\n````');
    expect(doc).not.toContain('The fix it offers');
  });
});
