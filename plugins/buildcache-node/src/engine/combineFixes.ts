import type { Finding } from '@buildcache/plugin-buildcache-common';
import type { RepoFile } from '../input/repoFile';
import { normalizeRepoPath } from '../model/text';
import { analyzeOnce, type AnalyzeOptions } from './analyzeFiles';
import { createParseCache } from './parseCache';
import { closeFix, countKeys, findingKey } from './fixClosure';
import { diffTexts } from './unifiedDiff';
import { type Analysis, createAnalyzeWith, verifyBudget } from './verifyFixes';

/** The combined fix of one file. @public */
export interface FilePatch {
  path: string;
  /** The file's text as analyzed, and with every fix applied. */
  before: string;
  after: string;
  /** Unified diff from `before` to `after`. */
  diff: string;
  /** Findings of the original analysis that the patch removes. */
  fixed: Finding[];
}

/** Every fix of a repository, combined per file. @public */
export interface CombinedFixes {
  patches: FilePatch[];
  /** Unsuppressed findings (of the selected rules) the patches leave. */
  remaining: Finding[];
}

/** Options of {@link combineFixes}. @public */
export interface CombineOptions extends AnalyzeOptions {
  /** Only fix findings of these rules (companion fixes of others still apply). */
  ruleIds?: readonly string[];
  /**
   * Bytes that may be analyzed again (default: as for verifying a report's
   * fixes). Past it, combining stops; what was combined so far is kept.
   */
  budgetBytes?: number;
}

/**
 * Applies every fixable, unsuppressed finding of each file together, one
 * closed fix at a time on the text the previous ones left (so fixes that
 * touch the same lines never need merging), and analyzes again after each.
 * Fixes that cannot be closed on the combined text are left out. The result
 * removes every finding it can; a rescan of a patched file shows no
 * fixable finding of the selected rules.
 * @public
 */
export function combineFixes(
  files: readonly RepoFile[],
  options: CombineOptions = {},
): CombinedFixes {
  const parses = createParseCache();
  return combineAnalyzed(
    files,
    options,
    analyzeOnce([...files], options, parses),
    f => analyzeOnce(f, options, parses),
  );
}

/**
 * {@link combineFixes} from the files' first analysis (`first`), analyzing
 * again with `analyze` (the same options).
 */
export function combineAnalyzed(
  files: readonly RepoFile[],
  options: CombineOptions,
  first: Analysis,
  analyze: (files: RepoFile[]) => Analysis,
): CombinedFixes {
  const selected = (f: Finding) =>
    !f.suppressed && (!options.ruleIds || options.ruleIds.includes(f.ruleId));
  let current = [...files];
  const original = first.report.findings;
  let findings: readonly Finding[] = original;
  const texts = new Map(first.texts);
  const paths = [
    ...new Set(
      original.filter(f => selected(f) && f.fix?.diff).map(f => f.path),
    ),
  ];
  const budget = options.budgetBytes ?? verifyBudget(files);
  let spent = 0;
  const analyzerOf = (repo: readonly RepoFile[]) =>
    createAnalyzeWith(repo, analyze, bytes => {
      spent += bytes;
    });
  for (const path of paths) {
    if (spent > budget) break;
    const skipped = new Set<string>();
    let analyzeWith = analyzerOf(current);
    findings = analyzeWith(path, texts.get(path) ?? '');
    for (let steps = 2 * findings.length + 10; steps > 0; steps--) {
      if (spent > budget) break;
      const next = findings.find(
        f =>
          f.path === path &&
          selected(f) &&
          f.fix?.diff &&
          !skipped.has(findingKey(f, path)),
      );
      if (!next) break;
      const text = texts.get(path) ?? '';
      const closed = closeFix(next, text, findings, analyzeWith);
      if (!closed.ok) {
        skipped.add(findingKey(next, path));
        continue;
      }
      findings = analyzeWith(path, closed.text);
      texts.set(path, closed.text);
      current = current.map(f =>
        normalizeRepoPath(f.path) === path
          ? { path: f.path, content: Buffer.from(closed.text, 'utf8') }
          : f,
      );
      analyzeWith = analyzerOf(current);
    }
  }
  findings = analyze(current).report.findings;
  const patches: FilePatch[] = [];
  for (const path of paths) {
    const before = first.texts.get(path) ?? '';
    const after = texts.get(path) ?? before;
    if (after === before) continue;
    const left = countKeys(
      findings.filter(f => f.path === path),
      path,
    );
    const fixed = original.filter(f => {
      if (f.path !== path) return false;
      const key = findingKey(f, path);
      const n = left.get(key) ?? 0;
      if (n > 0) {
        left.set(key, n - 1);
        return false;
      }
      return true;
    });
    patches.push({
      path,
      before,
      after,
      diff: diffTexts(path, before, after),
      fixed,
    });
  }
  return { patches, remaining: findings.filter(selected) };
}
