import type { Finding, Report } from '@buildcache/plugin-buildcache-common';
import type { RepoFile } from '../input/repoFile';
import { normalizeRepoPath } from '../model/text';
import { closedFixOf, closeFix, type AnalyzeWith } from './fixClosure';

/** A report and the decoded text of every file it read, by path. */
export interface Analysis {
  report: Report;
  texts: ReadonlyMap<string, string>;
}

/**
 * Re-analysis budget of one report, in bytes analyzed again. Checking a fix
 * analyzes the repository again, so a huge repository with many findings
 * would cost (findings × size); past the budget, fixes are not offered as
 * diffs and say so.
 */
export const VERIFY_BUDGET_BYTES = 64 * 1024 * 1024;

/** Analyses of the repository with one file replaced, memoized. */
export function createAnalyzeWith(
  files: readonly RepoFile[],
  analyze: (files: RepoFile[]) => Analysis,
  onAnalyze: (bytes: number) => void = () => {},
): AnalyzeWith {
  const memo = new Map<string, readonly Finding[]>();
  const size = files.reduce((n, f) => n + (f.content?.length ?? 0), 0);
  return (path, text) => {
    const key = `${path}\u0000${text}`;
    const known = memo.get(key);
    if (known) return known;
    onAnalyze(size);
    const replaced = files.map(f =>
      normalizeRepoPath(f.path) === path
        ? { path: f.path, content: Buffer.from(text, 'utf8') }
        : f,
    );
    const findings = analyze(replaced).report.findings;
    memo.set(key, findings);
    return findings;
  };
}

/** Replaces every fix of the report by its closed (verified) form. */
export function verifyFixes(
  first: Analysis,
  files: readonly RepoFile[],
  analyze: (files: RepoFile[]) => Analysis,
  budgetBytes = VERIFY_BUDGET_BYTES,
): Report {
  let spent = 0;
  const analyzeWith = createAnalyzeWith(files, analyze, bytes => {
    spent += bytes;
  });
  const { report, texts } = first;
  const findings = report.findings.map(f => {
    const text = texts.get(f.path);
    if (!f.fix?.diff || text === undefined) return f;
    if (spent > budgetBytes)
      return {
        ...f,
        fix: {
          description: `${f.fix.description}. Not offered as a diff: the repository is too large to check every fix`,
          diff: null,
        },
      };
    const closed = closeFix(f, text, report.findings, analyzeWith);
    return { ...f, fix: closedFixOf(f, text, closed) };
  });
  return { ...report, findings };
}
