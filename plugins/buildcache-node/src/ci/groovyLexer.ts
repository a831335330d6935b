/**
 * A Groovy tokenizer for Jenkinsfiles: enough to find `sh` steps, their
 * string arguments and the block structure. String values keep a map from
 * each value character back to its offset in the file, so shell positions
 * can be reported in the original Jenkinsfile.
 */

export type GroovyToken =
  | { kind: 'ident'; text: string; start: number; end: number }
  | { kind: 'punct'; text: string; start: number; end: number }
  | {
      kind: 'string';
      value: string;
      /** File offset of each character of `value`, plus one for its end. */
      offsets: number[];
      /** True for double-quoted (GString) literals, which may interpolate. */
      interpolated: boolean;
      start: number;
      end: number;
    };

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '\\': '\\',
  "'": "'",
  '"': '"',
  $: '$',
};

function readString(
  text: string,
  start: number,
): Extract<GroovyToken, { kind: 'string' }> {
  const quote = text[start];
  const triple = text.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  let i = start + delimiter.length;
  let value = '';
  const offsets: number[] = [];
  const n = text.length;
  while (i < n) {
    if (text.startsWith(delimiter, i)) {
      offsets.push(i);
      return {
        kind: 'string',
        value,
        offsets,
        interpolated: quote === '"',
        start,
        end: i + delimiter.length,
      };
    }
    const c = text[i];
    if (!triple && c === '\n') break;
    if (c === '\\' && i + 1 < n) {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2; // line continuation
        continue;
      }
      const mapped = ESCAPES[next];
      value += mapped ?? `\\${next}`;
      if (mapped === undefined) offsets.push(i);
      offsets.push(i + 1);
      i += 2;
      continue;
    }
    if (quote === '"' && c === '$' && text[i + 1] === '{') {
      // keep `${…}` verbatim, skipping nested braces and strings
      let depth = 0;
      let j = i + 1;
      for (; j < n; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      for (let k = i; k <= Math.min(j, n - 1); k++) {
        value += text[k];
        offsets.push(k);
      }
      i = j + 1;
      continue;
    }
    value += c;
    offsets.push(i);
    i++;
  }
  offsets.push(i);
  return {
    kind: 'string',
    value,
    offsets,
    interpolated: quote === '"',
    start,
    end: i,
  };
}

/** Tokenizes Groovy source; comments and whitespace are dropped. */
export function tokenizeGroovy(text: string, limit = 2_000_000): GroovyToken[] {
  const tokens: GroovyToken[] = [];
  const n = Math.min(text.length, limit);
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === '#' && i === 0 && text[1] === '!') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === "'" || c === '"') {
      const s = readString(text, i);
      tokens.push(s);
      i = s.end;
    } else if (/[A-Za-z_$]/.test(c)) {
      const start = i;
      while (i < n && /[\w$]/.test(text[i])) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
    } else {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/** For each `{` token index, the index of its matching `}` (unbalanced: the last token). */
export function matchBraces(tokens: GroovyToken[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (t.text === '{') stack.push(i);
    else if (t.text === '}') {
      const open = stack.pop();
      if (open !== undefined) pairs.set(open, i);
    }
  });
  for (const open of stack) pairs.set(open, tokens.length - 1);
  return pairs;
}
