import type { TextFile } from '../model/text';
import type { ParserDirectiveModel } from './model';

const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(\S.*?)\s*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

/**
 * Reads parser directives the way BuildKit does: only at the top of the file,
 * until the first line that is not a known directive. Later `# syntax=` lines
 * are returned with `effective: false`.
 */
export function readParserDirectives(file: TextFile): ParserDirectiveModel[] {
  const out: ParserDirectiveModel[] = [];
  let inHeader = true;
  const limit = Math.min(file.lineCount, 5000);
  for (let line = 1; line <= limit; line++) {
    const text = file.lineText(line);
    const m = DIRECTIVE.exec(text);
    const name = m ? m[1].toLowerCase() : null;
    if (
      inHeader &&
      m &&
      name &&
      KNOWN.has(name) &&
      !out.some(d => d.name === name)
    ) {
      out.push({ name, value: m[2], line, effective: true });
      continue;
    }
    inHeader = false;
    if (m && name === 'syntax') {
      out.push({ name, value: m[2], line, effective: false });
    }
  }
  return out;
}
