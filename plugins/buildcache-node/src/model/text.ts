/** Positions and text helpers shared by the parsers and the rules. */

/** A 1-based source range; `endColumn` is exclusive (as in SARIF). @public */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A decoded text file with a line index, so parsers and fixes can convert
 * between offsets and 1-based line/column positions.
 * @public
 */
export class TextFile {
  readonly path: string;
  readonly text: string;
  private readonly lineStarts: number[];

  constructor(path: string, text: string) {
    this.path = path;
    this.text = text;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The text of a 1-based line, without its line terminator. */
  lineText(line: number): string {
    if (line < 1 || line > this.lineStarts.length) return '';
    const start = this.lineStarts[line - 1];
    const end =
      line < this.lineStarts.length
        ? this.lineStarts[line] - 1
        : this.text.length;
    const raw = this.text.slice(start, end);
    return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  }

  /** Offset of a 1-based line/column (clamped to the file). */
  offsetAt(line: number, column: number): number {
    const l = Math.min(Math.max(line, 1), this.lineStarts.length);
    return Math.min(
      this.lineStarts[l - 1] + Math.max(column, 1) - 1,
      this.text.length,
    );
  }

  /** 1-based line/column of an offset. */
  positionAt(offset: number): { line: number; column: number } {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  rangeOfOffsets(start: number, end: number): SourceRange {
    const s = this.positionAt(start);
    const e = this.positionAt(end);
    return {
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
    };
  }

  /** A range covering whole lines `from`..`to` (1-based, inclusive). */
  rangeOfLines(from: number, to: number = from): SourceRange {
    return {
      line: from,
      column: 1,
      endLine: to,
      endColumn: this.lineText(to).length + 1,
    };
  }
}

/** Normalises a posix path: no `./`, no duplicate or trailing slashes, resolves `..`. Returns null when it leaves the root. */
export function normalizeRepoPath(path: string): string | null {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Joins repo-relative posix paths; an empty base means the repo root. */
export function joinRepoPath(base: string, rel: string): string | null {
  if (rel.startsWith('/')) return normalizeRepoPath(rel);
  return normalizeRepoPath(base ? `${base}/${rel}` : rel);
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basenameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
