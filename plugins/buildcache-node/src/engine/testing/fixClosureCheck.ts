import type { Finding } from '@buildcache/plugin-buildcache-common';
import type { RepoFile } from '../../input/repoFile';
import {
  analyzeFiles,
  analyzeOnce,
  type AnalyzeOptions,
} from '../analyzeFiles';
import { analyzeRepository } from '../analyzeRepository';
import { combineAnalyzed, combineFixes } from '../combineFixes';
import { closeFix, countKeys, newFindings } from '../fixClosure';
import { createAnalyzeWith, verifyFixes } from '../verifyFixes';

/** One repository to check: its files and how to analyze it. */
export interface ClosureCase {
  name: string;
  files: RepoFile[];
  options?: AnalyzeOptions;
}

/** A fix that broke the closure. */
export interface ClosureFailure {
  caseName: string;
  ruleId: string;
  at: string;
  problem: string;
}

/** What a closure run found. */
export interface ClosureSummary {
  /** Offered fixes (with a diff) that were checked. */
  checked: number;
  /** Offered fixes that broke the closure (must be none). */
  failures: ClosureFailure[];
  /** Findings of the raw rule fixes, before closure, that broke it, by rule. */
  rawFailuresByRule: Record<string, number>;
  /** Findings whose fix is not offered as a diff after closure, by rule. */
  withdrawnByRule: Record<string, number>;
}

const at = (f: Finding) => `${f.path}:${f.line}:${f.column}`;

function bump(counts: Record<string, number>, key: string) {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Checks, for every case, that every offered fix (a) applies, (b) removes
 * its finding, (c) adds no finding of any rule and (d) leaves the file
 * parseable: applied alone, then analyzed again, with no companion help.
 * Also measures the rules' raw fixes, to show what closure had to repair.
 */
export function checkFixClosure(cases: readonly ClosureCase[]): ClosureSummary {
  const summary: ClosureSummary = {
    checked: 0,
    failures: [],
    rawFailuresByRule: {},
    withdrawnByRule: {},
  };
  for (const c of cases) {
    const options = c.options ?? {};
    const raw = analyzeOnce(c.files, options);
    const analyzeWith = createAnalyzeWith(c.files, files =>
      analyzeOnce(files, options),
    );
    const strict = (f: Finding) =>
      closeFix(
        f,
        raw.texts.get(f.path) ?? '',
        raw.report.findings,
        analyzeWith,
        0,
      );
    for (const f of raw.report.findings)
      if (f.fix?.diff && !strict(f).ok)
        bump(summary.rawFailuresByRule, f.ruleId);

    const offered = analyzeFiles(c.files, options);
    for (const f of offered.findings) {
      if (!f.fix) continue;
      if (!f.fix.diff) {
        if (f.fix.description.includes('Not offered as a diff'))
          bump(summary.withdrawnByRule, f.ruleId);
        continue;
      }
      summary.checked++;
      const result = strict(f);
      if (!result.ok)
        summary.failures.push({
          caseName: c.name,
          ruleId: f.ruleId,
          at: at(f),
          problem: result.problem,
        });
    }
  }
  return summary;
}

/** A printable summary: fixes checked, failures and withdrawals by rule. */
export function formatClosureSummary(title: string, s: ClosureSummary): string {
  const byRule = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ') || 'none';
  return [
    `${title}: ${s.checked} fixes checked, ${s.failures.length} failures`,
    `  raw rule fixes that needed closure, by rule: ${byRule(
      s.rawFailuresByRule,
    )}`,
    `  fixes withdrawn (no safe diff), by rule: ${byRule(s.withdrawnByRule)}`,
    ...s.failures.map(
      f => `  FAIL ${f.caseName} ${f.ruleId} ${f.at}: ${f.problem}`,
    ),
  ].join('\n');
}

/**
 * Checks the combined patch of every case, file by file: with every patch
 * applied, each patched file parses, has no finding that the same
 * repository without that file's patch does not have (so a workflow is not
 * blamed for what the Dockerfile's new mounts draw), and has no fixable
 * unsuppressed finding left (one whose verified fix carries a diff). Returns the failures.
 */
export function checkCombinedClosure(
  cases: readonly ClosureCase[],
): ClosureFailure[] {
  const failures: ClosureFailure[] = [];
  for (const c of cases) {
    const options = c.options ?? {};
    const { patches } = combineFixes(c.files, options);
    const withPatches = (except: string | null, verify = false) => {
      const byPath = new Map(
        patches.filter(p => p.path !== except).map(p => [p.path, p.after]),
      );
      const files = c.files.map(f =>
        byPath.has(f.path)
          ? { path: f.path, content: Buffer.from(byPath.get(f.path)!, 'utf8') }
          : f,
      );
      return verify
        ? analyzeFiles(files, options).findings
        : analyzeOnce(files, options).report.findings;
    };
    // a rescan as users see it: only fixes that close carry a diff
    const after = withPatches(null, true);
    for (const p of patches) {
      const fail = (ruleId: string, problem: string) =>
        failures.push({ caseName: c.name, ruleId, at: p.path, problem });
      const without = withPatches(p.path);
      const added = newFindings(countKeys(without, p.path), after, p.path);
      for (const f of added.filter(a => a.path === p.path))
        fail(f.ruleId, `the combined patch adds: ${f.message}`);
      for (const f of after)
        if (f.path === p.path && !f.suppressed && f.fix?.diff)
          fail(f.ruleId, `a fixable finding is left at line ${f.line}`);
    }
  }
  return failures;
}

/**
 * Checks that analyzeRepository (one pass, parses shared) gives, for every
 * case, exactly what analyzeFiles and combineFixes give, and what checking
 * and combining give when every analysis parses anew (nothing shared).
 * Returns the names of the cases where it does not, with what differs.
 */
export function checkSinglePass(cases: readonly ClosureCase[]): string[] {
  const differences: string[] = [];
  for (const c of cases) {
    const options = c.options ?? {};
    const once = analyzeRepository(c.files, options);
    const same = (a: unknown, b: unknown) =>
      JSON.stringify(a) === JSON.stringify(b);
    if (!same(once.report, analyzeFiles(c.files, options)))
      differences.push(`${c.name}: the report differs`);
    if (!same(once.combineFixes(), combineFixes(c.files, options)))
      differences.push(`${c.name}: the combined fixes differ`);
    // the reference: no analysis shares a parse with another
    const fresh = (files: RepoFile[]) =>
      analyzeOnce(files, { ...options, onNotice: undefined });
    const first = analyzeOnce(c.files, options);
    const report =
      options.verifyFixes === false
        ? first.report
        : verifyFixes(first, c.files, fresh);
    if (!same(once.report, report))
      differences.push(`${c.name}: the report differs from unshared parses`);
    if (
      !same(
        once.combineFixes(),
        combineAnalyzed(c.files, options, first, fresh),
      )
    )
      differences.push(
        `${c.name}: the combined fixes differ from unshared parses`,
      );
  }
  return differences;
}
