import { parsePatch } from 'diff';
import type { Replacement } from 'sarif';

const NO_NEWLINE = '\\';

/**
 * Converts the hunks of a unified diff (one file) into SARIF replacements:
 * each run of removed and/or added lines becomes one replacement whose
 * `deletedRegion` covers the removed lines (an empty region at the line
 * start when nothing is removed) and whose `insertedContent` is the added
 * text. Line numbers refer to the original file, as SARIF requires. A
 * malformed diff gives no replacements.
 */
export function diffToReplacements(diff: string): Replacement[] {
  let patches: ReturnType<typeof parsePatch>;
  try {
    patches = parsePatch(diff);
  } catch {
    return [];
  }
  const out: Replacement[] = [];
  for (const patch of patches) {
    for (const hunk of patch.hunks) {
      let line = hunk.oldStart;
      // a hunk with no old lines starts *after* oldStart
      if (hunk.oldLines === 0) line += 1;
      let i = 0;
      const lines = hunk.lines;
      while (i < lines.length) {
        const l = lines[i];
        if (l.startsWith(' ')) {
          line++;
          i++;
          continue;
        }
        if (l.startsWith(NO_NEWLINE)) {
          i++;
          continue;
        }
        const start = line;
        const deleted: string[] = [];
        const inserted: string[] = [];
        let deletedLastHasNewline = true;
        let insertedLastHasNewline = true;
        while (i < lines.length && !lines[i].startsWith(' ')) {
          const cur = lines[i];
          const next = lines[i + 1];
          if (cur.startsWith('-')) {
            deleted.push(cur.slice(1));
            deletedLastHasNewline = !next?.startsWith(NO_NEWLINE);
            line++;
          } else if (cur.startsWith('+')) {
            inserted.push(cur.slice(1));
            insertedLastHasNewline = !next?.startsWith(NO_NEWLINE);
          }
          i++;
        }
        const lastDeleted = deleted[deleted.length - 1] ?? '';
        const deletedRegion =
          deleted.length === 0 || deletedLastHasNewline
            ? {
                startLine: start,
                startColumn: 1,
                endLine: start + deleted.length,
                endColumn: 1,
              }
            : {
                startLine: start,
                startColumn: 1,
                endLine: start + deleted.length - 1,
                endColumn: lastDeleted.length + 1,
              };
        let text = inserted.join('\n');
        if (inserted.length > 0 && insertedLastHasNewline) text += '\n';
        out.push({ deletedRegion, insertedContent: { text } });
      }
    }
  }
  return out;
}
