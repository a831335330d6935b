import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { Finding } from '@buildcache/plugin-buildcache-common';
import { analyzeFiles } from '../engine/analyzeFiles';
import { isAnalyzerCandidate, SKIPPED_DIRECTORIES } from '../input/candidates';
import type { RepoFile } from '../input/repoFile';
import expectedJson from './expected.json';

/** One hand-checked finding. */
export interface ExpectedFinding {
  ruleId: string;
  line: number;
  note?: string;
}

/** The hand-checked expectations (src/accuracy/expected.json). */
export interface AccuracyExpectations {
  description: string;
  rules: string[];
  files: Record<string, ExpectedFinding[]>;
}

/** Counts of one rule. */
export interface RuleAccuracy {
  ruleId: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when the rule produced nothing (no precision to measure). */
  precision: number | null;
  /** null when nothing was expected of the rule. */
  recall: number | null;
}

/** A disagreement between the analyzer and the expectations. */
export interface Mismatch {
  kind: 'false positive' | 'false negative';
  ruleId: string;
  path: string;
  line: number;
  detail: string;
}

export interface AccuracyResult {
  files: number;
  rules: RuleAccuracy[];
  overall: RuleAccuracy;
  mismatches: Mismatch[];
}

/** The expectations shipped with the package. */
export function loadExpectations(): AccuracyExpectations {
  return expectedJson as AccuracyExpectations;
}

/** `<repo root>/../shared/corpus`, where the corpus is checked out beside the repository. */
export function corpusDirectory(repoRoot: string): string {
  return nodePath.resolve(repoRoot, '../shared/corpus');
}

/** The analyzer's candidate files of one corpus repository folder. */
function readRepoFolder(dir: string): RepoFile[] {
  const out: RepoFile[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(nodePath.join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const full = nodePath.join(dir, path);
      const stat = statSync(full);
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name)) walk(path);
      } else if (isAnalyzerCandidate(path)) {
        out.push({ path, content: readFileSync(full) });
      }
    }
  };
  walk('');
  return out;
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function counts(
  ruleId: string,
  tp: number,
  fp: number,
  fn: number,
): RuleAccuracy {
  return {
    ruleId,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
  };
}

/**
 * Scans the repository folder of every expected corpus file and compares
 * the evaluated rules' findings in that file with the expectations, by
 * (rule, line). Null when the corpus is not present.
 */
export function evaluateAccuracy(
  corpusDir: string,
  expectations: AccuracyExpectations = loadExpectations(),
): AccuracyResult | null {
  return evaluateRepositories(nodePath.join(corpusDir, 'repos'), expectations);
}

/** The second corpus, kept in this package (corpus2/<owner>__<repo>/, expectations in corpus2/expected.json). */
export function secondCorpusDirectory(repoRoot: string): string {
  return nodePath.join(repoRoot, 'plugins/buildcache-node/corpus2');
}

/** The hand-checked expectations of the second corpus; null when it is not there. */
export function loadSecondCorpusExpectations(
  repoRoot: string,
): AccuracyExpectations | null {
  const file = nodePath.join(secondCorpusDirectory(repoRoot), 'expected.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as AccuracyExpectations;
}

/** Accuracy on the second corpus; null when it is not there. */
export function evaluateSecondCorpus(repoRoot: string): AccuracyResult | null {
  const expectations = loadSecondCorpusExpectations(repoRoot);
  return expectations
    ? evaluateRepositories(secondCorpusDirectory(repoRoot), expectations)
    : null;
}

/**
 * Scans each `<owner>__<repo>` folder of `reposDir` that has expected files
 * and compares the evaluated rules' findings with the expectations.
 */
export function evaluateRepositories(
  reposDir: string,
  expectations: AccuracyExpectations,
): AccuracyResult | null {
  if (!existsSync(reposDir)) return null;
  const rules = new Set(expectations.rules);
  const byRepo = new Map<string, string[]>();
  for (const key of Object.keys(expectations.files)) {
    const [repo, ...rest] = key.split('/');
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), rest.join('/')]);
  }
  const tally = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (ruleId: string, k: 'tp' | 'fp' | 'fn') => {
    const t = tally.get(ruleId) ?? { tp: 0, fp: 0, fn: 0 };
    t[k]++;
    tally.set(ruleId, t);
  };
  const mismatches: Mismatch[] = [];
  for (const [repo, paths] of [...byRepo].sort()) {
    const dir = nodePath.join(reposDir, repo);
    if (!existsSync(dir))
      throw new Error(`corpus repository ${repo} is missing`);
    const report = analyzeFiles(readRepoFolder(dir), { root: repo });
    for (const path of paths) {
      const key = `${repo}/${path}`;
      const found = new Map<string, Finding>();
      for (const f of report.findings)
        if (f.path === path && rules.has(f.ruleId))
          found.set(`${f.ruleId}:${f.line}`, f);
      const expected = new Map(
        expectations.files[key].map(e => [`${e.ruleId}:${e.line}`, e]),
      );
      for (const [id, e] of expected) {
        if (found.has(id)) bump(e.ruleId, 'tp');
        else {
          bump(e.ruleId, 'fn');
          mismatches.push({
            kind: 'false negative',
            ruleId: e.ruleId,
            path: key,
            line: e.line,
            detail: e.note ?? '',
          });
        }
      }
      for (const [id, f] of found) {
        if (expected.has(id)) continue;
        bump(f.ruleId, 'fp');
        mismatches.push({
          kind: 'false positive',
          ruleId: f.ruleId,
          path: key,
          line: f.line,
          detail: f.message,
        });
      }
    }
  }
  const ruleResults = [...rules].sort().map(id => {
    const t = tally.get(id) ?? { tp: 0, fp: 0, fn: 0 };
    return counts(id, t.tp, t.fp, t.fn);
  });
  const sum = (k: 'truePositives' | 'falsePositives' | 'falseNegatives') =>
    ruleResults.reduce((n, r) => n + r[k], 0);
  return {
    files: Object.keys(expectations.files).length,
    rules: ruleResults,
    overall: counts(
      'all',
      sum('truePositives'),
      sum('falsePositives'),
      sum('falseNegatives'),
    ),
    mismatches: mismatches.sort(
      (a, b) => a.path.localeCompare(b.path) || a.line - b.line,
    ),
  };
}
