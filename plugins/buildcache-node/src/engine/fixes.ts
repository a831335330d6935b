import type { FindingFix } from '@buildcache/plugin-buildcache-common';
import type { TextEdit } from './ruleTypes';
import { diffTexts } from './unifiedDiff';

/** Applies non-overlapping edits to a text (in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit || e.start > e.end)
      throw new Error('overlapping or inverted edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** A unified diff (`a/path` → `b/path`) of `edits` against `text`. */
export function createFixFromEdits(
  path: string,
  text: string,
  description: string,
  edits: readonly TextEdit[],
): FindingFix {
  if (edits.length === 0) return { description, diff: null };
  const updated = applyEdits(text, edits);
  if (updated === text) return { description, diff: null };
  let firstEdit = Infinity;
  let lastEdit = 0;
  for (const e of edits) {
    firstEdit = Math.min(firstEdit, e.start);
    lastEdit = Math.max(lastEdit, e.end);
  }
  return {
    description,
    diff: diffTexts(path, text, updated, firstEdit, lastEdit),
  };
}
