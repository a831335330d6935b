/** Tokens and values of the HCL reader (see hcl.ts). */

/** A part of a string template. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string }
  | { kind: 'expr'; raw: string };

/** An HCL expression as far as this reader understands it; `start`/`end` are file offsets. */
export type HclValue = { start: number; end: number } & (
  | {
      kind: 'template';
      parts: TemplatePart[];
      /** Offsets of the content between the quotes, when it maps 1:1 to the value. */
      exact: boolean;
      contentStart: number;
    }
  | { kind: 'list'; items: HclValue[] }
  | { kind: 'object'; entries: { key: string; value: HclValue }[] }
  | { kind: 'literal'; value: boolean | number | null }
  | { kind: 'variable'; name: string }
  | { kind: 'unknown'; raw: string }
);

export interface HclAttribute {
  name: string;
  value: HclValue;
  start: number;
}

export interface HclBlock {
  type: string;
  labels: string[];
  attributes: HclAttribute[];
  blocks: HclBlock[];
  start: number;
  end: number;
}

export class HclSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** A lexical token; strings carry their template parts. */
export type Token =
  | {
      t: 'nl' | 'punct' | 'ident' | 'number';
      text: string;
      start: number;
      end: number;
    }
  | {
      t: 'string';
      parts: TemplatePart[];
      exact: boolean;
      contentStart: number;
      start: number;
      end: number;
    };

const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...'];

/** Reads a string template from `start` until `stop(i)`; `${name}` becomes a `var` part. */
export function readTemplate(
  text: string,
  start: number,
  stop: (i: number) => boolean,
) {
  const parts: TemplatePart[] = [];
  let buf = '';
  let exact = true;
  let i = start;
  const flush = () => {
    if (buf !== '') parts.push({ kind: 'text', text: buf });
    buf = '';
  };
  while (i < text.length && !stop(i)) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      const esc: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '"': '"',
        '\\': '\\',
      };
      buf += esc[next] ?? next;
      exact = false;
      i += 2;
    } else if (
      (c === '$' || c === '%') &&
      text[i + 1] === c &&
      text[i + 2] === '{'
    ) {
      buf += `${c}{`;
      exact = false;
      i += 3;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      let inString = false;
      for (; j < text.length; j++) {
        const ch = text[j];
        if (inString) {
          if (ch === '\\') j++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{') depth++;
        else if (ch === '}' && --depth === 0) break;
      }
      if (j >= text.length)
        throw new HclSyntaxError('unterminated template interpolation', i);
      const inner = text
        .slice(i + 2, j)
        .trim()
        .replace(/^~|~$/g, '')
        .trim();
      flush();
      if (c === '$' && /^[A-Za-z_][\w-]*$/.test(inner))
        parts.push({ kind: 'var', name: inner });
      else parts.push({ kind: 'expr', raw: text.slice(i, j + 1) });
      i = j + 1;
    } else {
      buf += c;
      i++;
    }
  }
  flush();
  return { parts, exact, end: i };
}

/** Splits HCL source into tokens (newlines kept: they end attributes). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '\n') {
      tokens.push({ t: 'nl', text: '\n', start: i, end: i + 1 });
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new HclSyntaxError('unterminated comment', i);
      i = close + 2;
    } else if (c === '"') {
      const t = readTemplate(
        text,
        i + 1,
        k => text[k] === '"' || text[k] === '\n',
      );
      if (text[t.end] !== '"')
        throw new HclSyntaxError('unterminated string', i);
      tokens.push({
        t: 'string',
        parts: t.parts,
        exact: t.exact,
        contentStart: i + 1,
        start: i,
        end: t.end + 1,
      });
      i = t.end + 1;
    } else if (
      c === '<' &&
      text[i + 1] === '<' &&
      /[-A-Za-z_]/.test(text[i + 2] ?? '')
    ) {
      const m = /^<<(-?)([A-Za-z_][\w]*)\r?\n/.exec(text.slice(i, i + 200));
      if (!m) throw new HclSyntaxError('bad heredoc', i);
      const bodyStart = i + m[0].length;
      const close = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, 'm');
      const rest = text.slice(bodyStart);
      const found = close.exec(rest);
      if (!found) throw new HclSyntaxError('unterminated heredoc', i);
      const bodyEnd = bodyStart + found.index;
      const t = readTemplate(text, bodyStart, k => k >= bodyEnd);
      tokens.push({
        t: 'string',
        parts: t.parts,
        exact: false,
        contentStart: bodyStart,
        start: i,
        end: bodyEnd + found[0].length,
      });
      i = bodyEnd + found[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(
        text.slice(i, i + 64),
      );
      const len = m ? m[0].length : 1;
      tokens.push({
        t: 'number',
        text: text.slice(i, i + len),
        start: i,
        end: i + len,
      });
      i += len;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < n && /[\w-]/.test(text[i])) i++;
      tokens.push({ t: 'ident', text: text.slice(start, i), start, end: i });
    } else {
      const at = i;
      const op = PUNCT2.find(p => text.startsWith(p, at)) ?? c;
      tokens.push({ t: 'punct', text: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  return tokens;
}
