import { Argument, type Instruction } from 'dockerfile-ast';

/**
 * dockerfile-ast's `getRawArguments` and `getArgumentsContent`, written
 * again over the parsed text: the same scans, step for step, with the
 * positions computed as its document computes them
 * (vscode-languageserver-textdocument's `positionAt`/`offsetAt`) but
 * without building and checking an LSP `Range` for every one.
 * argumentsMemo.property.test.ts holds every answer equal to
 * dockerfile-ast's own.
 */

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}

const isEol = (code: number) => code === 13 || code === 10;
const isNewline = (char: string) => char === '\r' || char === '\n';
const isWhitespace = (char: string) =>
  char === ' ' || char === '\t' || isNewline(char);

/** The index of the first character from `from` on that is no space or tab. */
function spacesEnd(text: string, from: number): number {
  let j = from;
  while (text.charAt(j) === ' ' || text.charAt(j) === '\t') j++;
  return j;
}

/** Offsets and positions of a text, as a TextDocument of it has them. */
export class DocumentPositions {
  readonly text: string;
  private readonly lineOffsets: number[];

  constructor(text: string) {
    this.text = text;
    // computeLineOffsets(text, true): `\r\n`, `\r` and `\n` end lines
    const offsets = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (isEol(ch)) {
        if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10)
          i++;
        offsets.push(i + 1);
      }
    }
    this.lineOffsets = offsets;
  }

  positionAt(at: number): Position {
    let offset = Math.max(Math.min(at, this.text.length), 0);
    const lineOffsets = this.lineOffsets;
    let low = 0;
    let high = lineOffsets.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEol(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.lineOffsets;
    if (position.line >= lineOffsets.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset =
      position.line + 1 < lineOffsets.length
        ? lineOffsets[position.line + 1]
        : this.text.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.beforeEol(offset, lineOffset);
  }

  private beforeEol(at: number, lineOffset: number): number {
    let offset = at;
    while (offset > lineOffset && isEol(this.text.charCodeAt(offset - 1)))
      offset--;
    return offset;
  }
}

/** The text of an instruction from `range.start` to `range.end` (its line range). */
function textContent(node: Instruction, doc: DocumentPositions): string {
  const range = node.getRange();
  return doc.text.substring(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

/** `Instruction.getRawArguments()` of dockerfile-ast 0.7. */
export function scanRawArguments(
  node: Instruction,
  doc: DocumentPositions,
  escapeChar: string,
): Argument[] {
  const args: Argument[] = [];
  const range = node.getInstructionRange();
  const extra = doc.offsetAt(range.end) - doc.offsetAt(range.start);
  const fullArgs = textContent(node, doc).substring(extra);
  const offset = doc.offsetAt(range.start) + extra;
  const argument = (value: string, from: number, to: number) =>
    new Argument(value, {
      start: doc.positionAt(offset + from),
      end: doc.positionAt(offset + to),
    });
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  let escapedArg = '';
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (isWhitespace(char)) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (isNewline(char)) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        args.push(
          argument(escapedArg, found, escapeMarker === -1 ? i : escapeMarker),
        );
        escapeMarker = -1;
        escapedArg = '';
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        let j = spacesEnd(fullArgs, i + 2);
        const after = fullArgs.charAt(j);
        if (isNewline(after)) {
          if (after === '\r') j++;
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1) escapeMarker = i;
          i = j;
        } else if (after !== '') {
          escapeMarker = i;
          if (found === -1) i = j - 1;
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(argument(escapedArg, found, escapeMarker));
          escapedArg = '';
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '$') escapedArg = escapedArg + char + next;
        else if (next === '') break;
        else escapedArg = escapedArg + next;
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(argument(escapedArg, found, escapeMarker));
          escapedArg = '';
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        escapedArg = escapedArg + char;
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) {
    args.push(
      argument(
        escapedArg,
        found,
        escapeMarker === -1 ? fullArgs.length : escapeMarker,
      ),
    );
  }
  return args;
}

/** `Instruction.getArgumentsContent()` of dockerfile-ast 0.7. */
export function scanArgumentsContent(
  node: Instruction,
  doc: DocumentPositions,
  escapeChar: string,
): string | null {
  const args = node.getArguments();
  if (args.length === 0) return null;
  let content = '';
  for (const range of argumentsRanges(node, args, doc, escapeChar)) {
    content += doc.text.substring(
      doc.offsetAt(range.start),
      doc.offsetAt(range.end),
    );
  }
  return content;
}

/** `Instruction.getArgumentsRanges()` of dockerfile-ast 0.7, for its `args`. */
function argumentsRanges(
  node: Instruction,
  args: readonly Argument[],
  doc: DocumentPositions,
  escapeChar: string,
): Range[] {
  const first = args[0].getRange();
  const last = args[args.length - 1].getRange();
  if (first.start.line === last.end.line)
    return [{ start: first.start, end: last.end }];
  const ranges: Range[] = [];
  let end = -1;
  let startPosition: Position | null = first.start;
  const range = node.getInstructionRange();
  const extra = doc.offsetAt(startPosition) - doc.offsetAt(range.start);
  const fullArgs = textContent(node, doc).substring(
    extra,
    doc.offsetAt(last.end) - doc.offsetAt(range.start),
  );
  const offset = doc.offsetAt(range.start) + extra;
  const upTo = (from: Position) => ({
    start: from,
    end: doc.positionAt(offset + end + 1),
  });
  let comment = false;
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        let j = spacesEnd(fullArgs, i + 2);
        const after = fullArgs.charAt(j);
        if (isNewline(after)) {
          if (after === '\r') j++;
          if (startPosition !== null) ranges.push(upTo(startPosition));
          startPosition = null;
          comment = false;
          i = j;
        }
      } else if (next === '\r') {
        if (startPosition !== null) {
          ranges.push(upTo(startPosition));
          startPosition = null;
        }
        comment = false;
        i += 2;
      } else if (next === '\n') {
        if (startPosition !== null) ranges.push(upTo(startPosition));
        startPosition = null;
        comment = false;
        i++;
      } else {
        i++;
      }
    } else if (isNewline(char)) {
      if (comment) {
        startPosition = null;
        comment = false;
      }
    } else if (!comment) {
      if (startPosition === null) {
        if (char === '#') {
          comment = true;
          continue;
        }
        const position = doc.positionAt(offset + i);
        if (position.character !== 0) {
          startPosition = { line: position.line, character: 0 };
        }
      }
      end = i;
    }
  }
  if (startPosition === null) {
    // the last argument is on its own line, without leading whitespace
    ranges.push({
      start: doc.positionAt(offset + end),
      end: doc.positionAt(offset + end + 1),
    });
  } else {
    ranges.push(upTo(startPosition));
  }
  return ranges;
}
