import { existsSync, readdirSync } from 'node:fs';
import * as nodePath from 'node:path';
import { analyzeFiles } from '../engine/analyzeFiles';
import type { Rule } from '../engine/ruleTypes';
import { FIXTURE_NOW, loadFixtureCases } from '../rules/testing/ruleTester';

/** A rule's example for its docs: a file it fires on, and the fix it offers. */
export interface RuleExample {
  path: string;
  text: string;
  /** What the finding says. */
  message: string;
  /** The fix's unified diff, when the rule offers one for this file. */
  diff: string | null;
}

/** `# expect: …` annotations are for the rule tester, not for readers. */
function withoutAnnotations(text: string): string {
  return text
    .split('\n')
    .filter(line => !/^\s*#\s*expect:/.test(line))
    .map(line => line.replace(/\s+#\s*expect:.*$/, ''))
    .join('\n');
}

/** Fixture files are named after their case: `no-mounts.Dockerfile` is a Dockerfile. */
function displayPath(path: string): string {
  return /(^|\/)[^/]*\.Dockerfile$/.test(path)
    ? path.replace(/[^/]*\.Dockerfile$/, 'Dockerfile')
    : path;
}

function findingOf(
  rule: Rule,
  allRules: readonly Rule[],
  files: Record<string, string>,
) {
  const report = analyzeFiles(
    Object.entries(files).map(([path, text]) => ({
      path,
      content: Buffer.from(text, 'utf8'),
    })),
    // with every rule, so the diff is the one users get (with what other
    // rules need, such as the syntax directive for a first cache mount)
    { rules: [...allRules], now: FIXTURE_NOW },
  );
  return report.findings.find(f => f.ruleId === rule.meta.id && !f.suppressed);
}

/**
 * The example of a rule, from its invalid fixtures: the shortest file that
 * the rule reports on (analyzed with `allRules`) (with a diff when the rule is fixable and one of
 * them gets a diff), annotations removed. Undefined without fixtures.
 */
export function ruleExample(
  rule: Rule,
  fixturesDir: string,
  allRules: readonly Rule[] = [rule],
): RuleExample | undefined {
  if (!existsSync(nodePath.join(fixturesDir, 'invalid'))) return undefined;
  const candidates: RuleExample[] = [];
  for (const testCase of loadFixtureCases(fixturesDir).invalid) {
    const files = Object.fromEntries(
      Object.entries(testCase.files).map(([path, text]) => [
        displayPath(path),
        withoutAnnotations(text),
      ]),
    );
    const finding = findingOf(rule, allRules, files);
    if (!finding) continue;
    candidates.push({
      path: finding.path,
      text: files[finding.path],
      message: finding.message,
      diff: finding.fix?.diff ?? null,
    });
  }
  const size = (e: RuleExample) => e.text.length + (e.diff ? 0 : 1e6);
  return candidates.sort(
    (a, b) => size(a) - size(b) || a.path.localeCompare(b.path),
  )[0];
}

/** The examples of every rule whose folder is under `rulesDir`, by rule id. */
export function ruleExamples(
  rules: readonly Rule[],
  rulesDir: string,
): Record<string, RuleExample> {
  const folders = readdirSync(rulesDir);
  const out: Record<string, RuleExample> = {};
  for (const rule of rules) {
    const folder = folders.find(name => name.startsWith(`${rule.meta.id}-`));
    const example =
      folder &&
      ruleExample(rule, nodePath.join(rulesDir, folder, 'fixtures'), rules);
    if (example) out[rule.meta.id] = example;
  }
  return out;
}
