import type { SourceRange, TextFile } from '../model/text';

/** Structural copy of the LSP range type dockerfile-ast returns (0-based). */
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Converts a 0-based LSP range of dockerfile-ast to a 1-based SourceRange. */
export function toSourceRange(range: LspRange): SourceRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** File offset of a 0-based LSP position. */
export function offsetOfPosition(
  file: TextFile,
  pos: { line: number; character: number },
): number {
  return file.offsetAt(pos.line + 1, pos.character + 1);
}
