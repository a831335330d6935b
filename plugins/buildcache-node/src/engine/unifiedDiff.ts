import { createTwoFilesPatch } from 'diff';
import { patchWithoutCommonEnd } from './commonSuffix';

/** Unchanged lines shown around each change. */
const CONTEXT = 3;

const HUNK_HEADER = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/gm;

/**
 * The unified diff (`a/path` → `b/path`, 3 lines of context) of `text`
 * against `updated`, exactly as jsdiff's createTwoFilesPatch writes it;
 * `unchangedBefore`: an offset before which both texts are the same.
 *
 * A fix usually changes a few lines of a long file, and jsdiff splits and
 * compares the whole of both texts. The unchanged lines before the first
 * change, but for the context shown, are left out of the comparison: jsdiff
 * consumes a common prefix before it compares anything else, so on the
 * rest it finds the same changes, and only the hunks' line numbers need
 * moving down by the lines left out. `unchangedAfter`: an offset in `text`
 * from which both texts end the same; the lines after the last change are
 * left out too when that provably gives the same diff (commonSuffix.ts).
 */
export function unifiedDiff(
  path: string,
  text: string,
  updated: string,
  unchangedBefore = 0,
  unchangedAfter = text.length,
): string {
  const skipped = skippableLines(text, updated, unchangedBefore);
  const patch =
    patchWithoutCommonEnd(
      text,
      updated,
      skipped.offset,
      unchangedAfter,
      CONTEXT,
      (a, b) => jsdiffPatch(path, a, b),
    ) ??
    (skipped.lines > 0
      ? jsdiffPatch(
          path,
          text.slice(skipped.offset),
          updated.slice(skipped.offset),
        )
      : jsdiffPatch(path, text, updated));
  if (skipped.lines === 0) return patch;
  // the file headers are followed by the hunks; only their headers change
  const header = `===================================================================\n--- a/${path}\n+++ b/${path}\n`;
  if (!patch.startsWith(header)) return jsdiffPatch(path, text, updated);
  const move = (start: string) => String(Number(start) + skipped.lines);
  return (
    header +
    patch
      .slice(header.length)
      .replace(
        HUNK_HEADER,
        (_, oldStart: string, oldLines: string, newStart: string, newLines) =>
          `@@ -${move(oldStart)},${oldLines} +${move(newStart)},${newLines} @@`,
      )
  );
}

/**
 * {@link unifiedDiff} without the `===` line jsdiff writes first: the form
 * a fix's diff takes (and `git apply` reads).
 */
export function diffTexts(
  path: string,
  from: string,
  to: string,
  unchangedBefore = 0,
  unchangedAfter = from.length,
): string {
  return unifiedDiff(path, from, to, unchangedBefore, unchangedAfter).replace(
    /^=+\n/,
    '',
  );
}

function jsdiffPatch(path: string, text: string, updated: string): string {
  return createTwoFilesPatch(
    `a/${path}`,
    `b/${path}`,
    text,
    updated,
    undefined,
    undefined,
    { context: CONTEXT },
  );
}

/**
 * Whole lines both texts start with, before offset `unchangedBefore` (the
 * first edit: nothing before it changed), but for the last CONTEXT of them:
 * how many, and the offset where the next line starts.
 */
function skippableLines(
  text: string,
  updated: string,
  unchangedBefore: number,
): { lines: number; offset: number } {
  const none = { lines: 0, offset: 0 };
  const same = Math.min(unchangedBefore, text.length, updated.length);
  // (comparing slices: V8's startsWith compares character by character)
  if (same <= 0 || updated.slice(0, same) !== text.slice(0, same)) return none;
  // line ends (with their newline) before the first edit
  const ends: number[] = [];
  for (
    let i = text.indexOf('\n');
    i >= 0 && i < same;
    i = text.indexOf('\n', i + 1)
  )
    ends.push(i + 1);
  const lines = ends.length - CONTEXT;
  return lines > 0 ? { lines, offset: ends[lines - 1] } : none;
}
