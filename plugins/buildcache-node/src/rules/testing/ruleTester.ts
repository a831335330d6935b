/* eslint-disable jest/no-export, jest/expect-expect -- a shared test harness: it exports helpers and asserts inside them */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { applyPatch } from 'diff';
import type { Finding, Severity } from '@buildcache/plugin-buildcache-common';
import { analyzeFiles } from '../../engine/analyzeFiles';
import type { Rule } from '../../engine/ruleTypes';
import type { RepoFile } from '../../input/repoFile';

/**
 * An ESLint-RuleTester-like harness. Fixtures live beside each rule:
 *
 * - `fixtures/valid/<case>` must produce no finding of the rule;
 * - `fixtures/invalid/<case>` must produce exactly the findings annotated in
 *   its files as `# expect: BC1001 12:5 [error|warning|info] [suppressed] [in <path>]`.
 *
 * A case is a single file (its name is its path) or a directory (a mini
 * repository). Every offered diff must apply cleanly and remove a finding.
 */

/** One expected finding. */
export interface ExpectedFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  severity?: Severity;
  suppressed?: boolean;
}

/** One test case: files of a mini repository and, for invalid cases, the exact findings. */
export interface RuleTestCase {
  name: string;
  files: Record<string, string>;
  expected?: ExpectedFinding[];
  presentDirectories?: string[];
}

/** Fixed "today" so `until:` dates in fixtures behave the same every day. */
export const FIXTURE_NOW = new Date('2025-06-01T12:00:00Z');

const EXPECT =
  /#\s*expect:\s*([A-Za-z][A-Za-z0-9_-]{1,15})\s+(\d+):(\d+)((?:\s+(?:error|warning|info|suppressed))*)(?:\s+in\s+(\S+))?/g;

function readTree(root: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(nodePath.join(root, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(nodePath.join(root, path)).isDirectory())
      Object.assign(out, readTree(root, path));
    else out[path] = readFileSync(nodePath.join(root, path), 'utf8');
  }
  return out;
}

/** Reads the annotated expectations of a case's files. */
export function readExpectations(
  files: Record<string, string>,
): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  for (const [path, text] of Object.entries(files)) {
    for (const m of text.matchAll(EXPECT)) {
      const flags = m[4].trim().split(/\s+/).filter(Boolean);
      const severity = flags.find(f => f !== 'suppressed') as
        | Severity
        | undefined;
      out.push({
        ruleId: m[1],
        path: m[5] ?? path,
        line: Number(m[2]),
        column: Number(m[3]),
        severity,
        suppressed: flags.includes('suppressed'),
      });
    }
  }
  return out;
}

/** Loads `fixtures/valid` and `fixtures/invalid` of a rule folder. */
export function loadFixtureCases(fixturesDir: string): {
  valid: RuleTestCase[];
  invalid: RuleTestCase[];
} {
  const load = (kind: string): RuleTestCase[] => {
    const dir = nodePath.join(fixturesDir, kind);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return [];
    }
    return names.map(name => {
      const full = nodePath.join(dir, name);
      const files = statSync(full).isDirectory()
        ? readTree(full)
        : { [name]: readFileSync(full, 'utf8') };
      const presentDirectories = files['.present-directories']
        ?.split('\n')
        .map(s => s.trim())
        .filter(Boolean);
      delete files['.present-directories'];
      return {
        name,
        files,
        presentDirectories,
        expected: readExpectations(files),
      };
    });
  };
  return { valid: load('valid'), invalid: load('invalid') };
}

function toRepoFiles(files: Record<string, string>): RepoFile[] {
  return Object.entries(files).map(([path, text]) => ({
    path,
    content: Buffer.from(text, 'utf8'),
  }));
}

/** Analyzes a case with only `rule` (plus the BC9xxx rules). */
export function analyzeCase(rule: Rule, testCase: RuleTestCase) {
  return analyzeFiles(toRepoFiles(testCase.files), {
    rules: [rule],
    now: FIXTURE_NOW,
    presentDirectories: testCase.presentDirectories,
  });
}

const describeFinding = (
  f: Pick<
    Finding,
    'ruleId' | 'path' | 'line' | 'column' | 'severity' | 'suppressed'
  >,
) =>
  `${f.ruleId} ${f.path} ${f.line}:${f.column} ${f.severity}${
    f.suppressed ? ' suppressed' : ''
  }`;

function isAnalysisProblem(f: Finding): boolean {
  return f.ruleId === 'BC9001' || f.ruleId === 'BC9002';
}

/** Asserts the exact findings of an invalid case and that every fix applies and helps. */
export function assertInvalidCase(rule: Rule, testCase: RuleTestCase): void {
  const report = analyzeCase(rule, testCase);
  const id = rule.meta.id;
  if (rule.meta.target !== 'analysis')
    expect(
      report.findings.filter(isAnalysisProblem).map(describeFinding),
    ).toEqual([]);
  const actual = report.findings.filter(f => f.ruleId === id);
  const expected = (testCase.expected ?? []).filter(e => e.ruleId === id);
  expect(expected.length).toBeGreaterThan(0);
  expect(actual.map(describeFinding).sort()).toEqual(
    expected
      .map(e =>
        describeFinding({
          ...e,
          severity: e.severity ?? rule.meta.severity,
          suppressed: !!e.suppressed,
        }),
      )
      .sort(),
  );
  for (const finding of actual) {
    expect(finding.message.length).toBeGreaterThan(0);
    if (!finding.fix?.diff) continue;
    const original = testCase.files[finding.path];
    expect(finding.fix.diff).toContain(`--- a/${finding.path}`);
    const patched = applyPatch(original, finding.fix.diff);
    if (patched === false)
      throw new Error(
        `fix of ${describeFinding(finding)} does not apply:\n${
          finding.fix.diff
        }`,
      );
    const after = analyzeCase(rule, {
      ...testCase,
      files: { ...testCase.files, [finding.path]: patched },
    });
    expect(
      after.findings.filter(isAnalysisProblem).map(describeFinding),
    ).toEqual([]);
    const before = actual.filter(f => f.path === finding.path).length;
    const remaining = after.findings.filter(
      f => f.ruleId === id && f.path === finding.path,
    ).length;
    if (remaining >= before) {
      throw new Error(
        `fix of ${describeFinding(finding)} does not remove the finding:\n${
          finding.fix.diff
        }`,
      );
    }
  }
}

/** Asserts a valid case: no finding of the rule, no parse problem. */
export function assertValidCase(rule: Rule, testCase: RuleTestCase): void {
  const report = analyzeCase(rule, testCase);
  const relevant = report.findings.filter(
    f =>
      f.ruleId === rule.meta.id ||
      (rule.meta.target !== 'analysis' && isAnalysisProblem(f)),
  );
  expect(relevant.map(describeFinding)).toEqual([]);
}

/** Declares jest tests for a rule's fixture folder plus inline cases. */
export function runRuleTests(
  rule: Rule,
  fixturesDir: string,
  inline: { valid?: RuleTestCase[]; invalid?: RuleTestCase[] } = {},
): void {
  const fixtures = loadFixtureCases(fixturesDir);
  const valid = [...fixtures.valid, ...(inline.valid ?? [])];
  const invalid = [
    ...fixtures.invalid,
    ...(inline.invalid ?? []).map(c => ({
      ...c,
      expected: c.expected ?? readExpectations(c.files),
    })),
  ];
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    it('has valid and invalid cases', () => {
      expect(valid.length).toBeGreaterThan(0);
      expect(invalid.length).toBeGreaterThan(0);
    });
    it.each(valid.map(c => [c.name, c] as const))('valid: %s', (_name, c) =>
      assertValidCase(rule, c),
    );
    it.each(invalid.map(c => [c.name, c] as const))('invalid: %s', (_name, c) =>
      assertInvalidCase(rule, c),
    );
  });
}
