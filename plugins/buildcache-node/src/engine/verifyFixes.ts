import type { Finding, Report } from '@buildcache/plugin-buildcache-common';
import type { RepoFile } from '../input/repoFile';
import { classifyFile } from '../input/candidates';
import { normalizeRepoPath } from '../model/text';
import { closedFixOf, closeFix, type AnalyzeWith } from './fixClosure';

/** A report and the decoded text of every file it read, by path. */
export interface Analysis {
  report: Report;
  texts: ReadonlyMap<string, string>;
}

/**
 * Re-analysis budget of one report, in bytes analyzed again: the larger of
 * a floor and a multiple of the repository's size. Checking a fix analyzes
 * (part of) the repository again, so a huge repository with many findings
 * would cost findings × size; past the budget, fixes are not offered as
 * diffs and say so. Small repositories (the corpus) never reach it.
 */
export const VERIFY_BUDGET_FLOOR_BYTES = 2 * 1024 * 1024;
export const VERIFY_BUDGET_REPO_MULTIPLE = 16;

export function verifyBudget(files: readonly RepoFile[]): number {
  const size = files.reduce((n, f) => n + (f.content?.length ?? 0), 0);
  return Math.max(
    VERIFY_BUDGET_FLOOR_BYTES,
    VERIFY_BUDGET_REPO_MULTIPLE * size,
  );
}

/**
 * The files whose findings an edit of `path` can change. A Dockerfile is
 * read by itself, by the build configs that link to it and, for cache ids
 * shared across files (BC1009), by other Dockerfiles with cache mounts; the
 * other Dockerfiles are left out. Any other file is analyzed with the whole
 * repository. The edited file's findings are the same either way.
 */
function filesAffectedBy(
  files: readonly RepoFile[],
  path: string,
): readonly RepoFile[] {
  if (classifyFile(path) !== 'dockerfile') return files;
  return files.filter(f => {
    const p = normalizeRepoPath(f.path);
    return (
      p === path ||
      p === null ||
      classifyFile(p) !== 'dockerfile' ||
      f.content.includes('--mount')
    );
  });
}

/**
 * Analyses with one file replaced, memoized. Only findings of the files an
 * edit of that file can change are complete (see filesAffectedBy).
 */
export function createAnalyzeWith(
  files: readonly RepoFile[],
  analyze: (files: RepoFile[]) => Analysis,
  onAnalyze: (bytes: number) => void = () => {},
): AnalyzeWith {
  const memo = new Map<string, readonly Finding[]>();
  return (path, text) => {
    const key = `${path}\u0000${text}`;
    const known = memo.get(key);
    if (known) return known;
    const affected = filesAffectedBy(files, path);
    onAnalyze(affected.reduce((n, f) => n + (f.content?.length ?? 0), 0));
    const replaced = affected.map(f =>
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
  budgetBytes = verifyBudget(files),
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
