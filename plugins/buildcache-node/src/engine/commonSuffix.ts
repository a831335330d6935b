/**
 * Leaving the unchanged end of both texts out of jsdiff's comparison
 * without changing the diff it writes.
 *
 * jsdiff (Myers) takes the first path of fewest changes to reach the end
 * of both texts. Cut both texts after the same line, in their common end,
 * and its search on the cut texts is step for step the search on the whole
 * texts as long as no path but the one that wins touches the cut texts'
 * last line (only there does a path see the cut: a comparison stops, a
 * move is refused, a diagonal is dropped). The winning path then goes on
 * through the rest, unchanged, to the end of the whole texts.
 *
 * A path touching the last line elsewhere than at the end of both has
 * passed the last `k` lines of one text: each one either matched, and if
 * these lines occur only there in each text, it matched its twin at the
 * same distance from the end, after which the path runs on to the end of
 * both; or each one was added or removed, `k` changes. With `k` greater
 * than the number of changes of the winning path (which does not depend on
 * the cut), no path jsdiff looks at can do that.
 *
 * The hunks are the same when the winning path ends with at least
 * `context` unchanged lines (as many as the whole texts' diff shows) and
 * the cut texts end with a line end (no "No newline" mark).
 */

/** A cut: both texts end at `oldEnd`/`newEnd`, after whole common lines. */
export interface SuffixCut {
  oldEnd: number;
  newEnd: number;
}

/** At most this many lines past the context are tried for a cut. */
const EXTRA_LINES = 12;

/**
 * The line ends, in `text` from `unchangedAfter` on (both texts end with
 * `text.slice(unchangedAfter)`), a cut can be made after: ends of lines
 * wholly in the common end, but for the text's last line.
 */
export function commonLineEnds(
  text: string,
  updated: string,
  from: number,
  unchangedAfter: number,
  limit: number,
): number[] {
  const delta = updated.length - text.length;
  if (unchangedAfter < from || unchangedAfter + delta < from) return [];
  if (unchangedAfter >= text.length) return [];
  // (comparing slices: V8's endsWith compares character by character)
  if (updated.slice(unchangedAfter + delta) !== text.slice(unchangedAfter))
    return [];
  const ends: number[] = [];
  // the line holding unchangedAfter may differ before it
  let i = text.indexOf('\n', unchangedAfter);
  while (i >= 0 && ends.length < limit) {
    i = text.indexOf('\n', i + 1);
    if (i < 0 || i + 1 >= text.length) break;
    ends.push(i + 1);
  }
  return ends;
}

/** Lines (with their `\n`) of `text` from `start` to `end` (after a `\n`). */
function linesOf(text: string, start: number, end: number): string[] {
  const lines: string[] = [];
  let from = start;
  for (let i = text.indexOf('\n', from); i >= 0 && i < end; ) {
    lines.push(text.slice(from, i + 1));
    from = i + 1;
    i = text.indexOf('\n', from);
  }
  return lines;
}

/**
 * Which cuts have their last `k` lines each occurring once in each cut
 * text: both texts are their own first lines (`headA`, `headB`) followed by
 * the first `n` of the `common` lines.
 */
function uniqueTails(
  headA: readonly string[],
  headB: readonly string[],
  common: readonly string[],
): (n: number, k: number) => boolean {
  const inHead = new Set([...headA, ...headB]);
  const last = new Map<string, number>();
  const previous = common.map((line, i) => {
    const p = last.get(line) ?? -1;
    last.set(line, i);
    return p;
  });
  const next = common.map(() => common.length);
  for (const [i, p] of previous.entries()) if (p >= 0) next[p] = i;
  return (n, k) => {
    if (k > n) return false;
    for (let i = n - k; i < n; i++) {
      if (inHead.has(common[i]) || previous[i] >= 0 || next[i] < n)
        return false;
    }
    return true;
  };
}

/** Changed lines of a patch and whether it ends with `context` unchanged lines. */
function patchShape(
  patch: string,
  context: number,
): { changes: number; endsWithContext: boolean } {
  const body = patch.split('\n');
  body.pop(); // the patch ends with a line end
  let changes = 0;
  let started = false;
  for (const line of body) {
    if (line.startsWith('@@')) started = true;
    else if (started && (line[0] === '+' || line[0] === '-')) changes++;
  }
  const last = body.slice(-context);
  return {
    changes,
    endsWithContext:
      started && last.length === context && last.every(line => line[0] === ' '),
  };
}

/**
 * jsdiff's patch of `text.slice(from)` against `updated.slice(from)`
 * computed on both texts cut in their common end, when a cut that provably
 * gives the same patch is found; otherwise null.
 */
export function patchWithoutCommonEnd(
  text: string,
  updated: string,
  from: number,
  unchangedAfter: number,
  context: number,
  patchOf: (oldText: string, newText: string) => string,
): string | null {
  const ends = commonLineEnds(
    text,
    updated,
    from,
    unchangedAfter,
    context + EXTRA_LINES,
  );
  if (ends.length < context) return null;
  const delta = updated.length - text.length;
  const cutAt = (n: number) =>
    patchOf(
      text.slice(from, ends[n - 1]),
      updated.slice(from, ends[n - 1] + delta),
    );
  let patch = cutAt(context);
  const { changes } = patchShape(patch, context);
  // the common lines start after the line holding unchangedAfter
  const commonStart = text.indexOf('\n', unchangedAfter) + 1;
  const isUnique = uniqueTails(
    linesOf(text, from, commonStart),
    linesOf(updated, from, commonStart + delta),
    linesOf(text, commonStart, ends[ends.length - 1]),
  );
  let kept = context;
  while (!isUnique(kept, changes + 1)) {
    if (kept >= ends.length) return null;
    kept++;
  }
  if (kept !== context) patch = cutAt(kept);
  const shape = patchShape(patch, context);
  return shape.changes === changes && shape.endsWithContext ? patch : null;
}
