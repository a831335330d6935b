import { applyPatch } from 'diff';
import type { Finding, FindingFix } from '@buildcache/plugin-buildcache-common';
import { diffTexts } from './unifiedDiff';

/**
 * Fix closure: a fix is only offered when applying it removes its finding
 * and no rule of the catalogue reports anything it did not report before.
 * When a fix's new construct draws another rule's finding (a first cache
 * mount without the syntax directive, an apk cache without its link, a pip
 * mount next to `--no-cache-dir`…), that rule's own fix is applied on top,
 * so every fix carries what the rest of the catalogue needs. What cannot be
 * closed that way carries no diff and says why.
 */

/** Re-analyzes the repository with one file's text replaced. */
export type AnalyzeWith = (path: string, text: string) => readonly Finding[];

/** Companion fixes applied on top of one fix, at most. */
const MAX_COMPANIONS = 4;

/**
 * A finding's identity across an edit of the file at `edited`: there,
 * lines move, so it is the rule and the message with numbers (line
 * references) blanked; in every other file, positions stay, so it is the
 * rule and the position (its message may mention what the edit changed,
 * e.g. the cache mounts a workflow's build uses).
 */
export function findingKey(f: Finding, edited: string): string {
  return f.path === edited
    ? [f.ruleId, f.path, f.message.replace(/\d+/g, '#')].join('\u0000')
    : [f.ruleId, f.path, f.line, f.column].join('\u0000');
}

/** How many findings there are per {@link findingKey}. */
export function countKeys(
  findings: readonly Finding[],
  edited: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const key = findingKey(f, edited);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Findings of `after` beyond what `before` had, per key. */
export function newFindings(
  before: ReadonlyMap<string, number>,
  after: readonly Finding[],
  edited: string,
): Finding[] {
  const seen = new Map<string, number>();
  return after.filter(f => {
    const key = findingKey(f, edited);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n > (before.get(key) ?? 0);
  });
}

/** Applies a unified diff to a text; null when it does not apply. */
export function applyFixDiff(text: string, diff: string): string | null {
  const result = applyPatch(text, diff);
  return result === false ? null : result;
}

/** The outcome of closing one fix. */
export type ClosedFix =
  | {
      ok: true;
      /** The file's text with the fix and its companions applied. */
      text: string;
      /** Descriptions of the companion fixes applied on top. */
      companions: string[];
      /**
       * New findings in other files that follow from the change (e.g. a
       * first cache mount in a Dockerfile that a workflow builds on an
       * ephemeral runner: BC2012); the fix says so.
       */
      elsewhere: Finding[];
    }
  | { ok: false; problem: string };

function describe(f: Finding): string {
  return `${f.ruleId} (${f.message})`;
}

/**
 * Applies `finding`'s fix to `text` (the current text of its file, on which
 * `baseline` was reported), adds companion fixes for what it draws, and
 * checks the closure: its finding gone, no new finding in its file, and the
 * file still parses. New findings elsewhere are returned, to be told.
 */
export function closeFix(
  finding: Finding,
  text: string,
  baseline: readonly Finding[],
  analyzeWith: AnalyzeWith,
  maxCompanions = MAX_COMPANIONS,
): ClosedFix {
  const diff = finding.fix?.diff;
  if (!diff) return { ok: false, problem: 'the finding has no diff' };
  let current = applyFixDiff(text, diff);
  if (current === null)
    return { ok: false, problem: 'its diff does not apply to the file' };
  const path = finding.path;
  const before = countKeys(baseline, path);
  const targetKey = findingKey(finding, path);
  const companions: string[] = [];
  for (let step = 0; ; step++) {
    const after = analyzeWith(path, current);
    const added = newFindings(before, after, path);
    const remaining = after.filter(
      f => findingKey(f, path) === targetKey,
    ).length;
    if (remaining >= (before.get(targetKey) ?? 0))
      return { ok: false, problem: 'the finding would remain' };
    const here = added.filter(f => f.path === path);
    if (here.length === 0)
      return {
        ok: true,
        text: current,
        companions,
        elsewhere: added.filter(f => f.path !== path),
      };
    const parseError = here.find(f => f.ruleId === 'BC9001');
    if (parseError)
      return {
        ok: false,
        problem: `the file would no longer parse: ${parseError.message}`,
      };
    const next = here.find(f => f.fix?.diff);
    if (!next || step >= maxCompanions)
      return { ok: false, problem: `it would add ${describe(here[0])}` };
    const patched = applyFixDiff(current, next.fix!.diff!);
    if (patched === null)
      return { ok: false, problem: `it would add ${describe(next)}` };
    companions.push(next.fix!.description);
    current = patched;
  }
}

/** The fix a finding is offered once closed: verified diff, or none and why. */
export function closedFixOf(
  finding: Finding,
  text: string,
  closed: ClosedFix,
): FindingFix {
  const description = finding.fix?.description ?? '';
  if (!closed.ok)
    return {
      description: `${description}. Not offered as a diff: ${closed.problem}`,
      diff: null,
    };
  const companions = closed.companions.filter(c => c !== description);
  const parts = [description];
  if (companions.length > 0) parts.push(`with it: ${companions.join('; ')}`);
  if (closed.elsewhere.length > 0)
    parts.push(
      `then also see ${closed.elsewhere
        .map(f => `${f.ruleId} at ${f.path}:${f.line}`)
        .join(', ')}`,
    );
  return {
    description: parts.join('; '),
    diff: diffTexts(finding.path, text, closed.text),
  };
}
