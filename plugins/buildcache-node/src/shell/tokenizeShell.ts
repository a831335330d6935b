import type { ShellWord } from './parseShell';

/**
 * The tokenizer under parseShellScript: words (quotes and escapes removed,
 * exact offsets kept), operators and redirections. Comments and line
 * continuations are skipped.
 */

/** One token of a script. */
export type Token =
  | { kind: 'word'; word: ShellWord }
  | { kind: 'op'; op: string; start: number }
  /** A redirection operator; the word after it is its target, not an argument. */
  | { kind: 'redirect'; op: string; start: number };

const OPERATORS = [
  '&&',
  '||',
  ';;&',
  ';;',
  ';&',
  ';',
  '|',
  '&',
  '(',
  ')',
  '\n',
];

/** `2>&1`, `>/dev/null`, `>>log`, `&>out`, `<in`, `<<EOF`, `<<<word`… at a token start. */
const REDIRECT = /^(?:\d*(?:>>|>&|>\||<&|<>|<<<|<<-?|>|<)|&>>?)/;

/** The first characters of the operators. */
const OPERATOR_STARTS = '&|;()\n';

function operatorAt(script: string, at: number): string | undefined {
  return OPERATORS.find(o => script.startsWith(o, at));
}

export function tokenize(script: string, limit = 200_000): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = Math.min(script.length, limit);
  while (i < n) {
    const c = script[i];
    if (c === '\\' && script[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\\' && script[i + 1] === '\r' && script[i + 2] === '\n') {
      i += 3;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && script[i] !== '\n') i++;
      continue;
    }
    // a redirection starts with a digit, `<`, `>` or `&`
    const redirect =
      (c >= '0' && c <= '9') || c === '<' || c === '>' || c === '&'
        ? REDIRECT.exec(script.slice(i, i + 8))
        : null;
    if (redirect) {
      tokens.push({ kind: 'redirect', op: redirect[0], start: i });
      i += redirect[0].length;
      continue;
    }
    const op = OPERATOR_STARTS.includes(c) ? operatorAt(script, i) : undefined;
    if (op) {
      tokens.push({ kind: 'op', op, start: i });
      i += op.length;
      continue;
    }
    const start = i;
    let text = '';
    let quoted = false;
    // plain characters are added to the text a run at a time, from runStart
    let runStart = i;
    while (i < n) {
      const ch = script[i];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') break;
      if (
        ch === ';' ||
        ch === '&' ||
        ch === '|' ||
        ch === '(' ||
        ch === ')' ||
        ch === '<' ||
        ch === '>'
      )
        break;
      if (!isSpecial(script, i, ch)) {
        i++;
        continue;
      }
      if (runStart < i) text += script.slice(runStart, i);
      if (ch === '\\') {
        if (script[i + 1] === '\n') {
          i += 2;
        } else {
          if (i + 1 < n) text += script[i + 1];
          i += 2;
        }
      } else if (ch === "'") {
        quoted = true;
        const close = script.indexOf("'", i + 1);
        const stop = close < 0 ? n : close;
        text += script.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === '"') {
        quoted = true;
        i++;
        while (i < n && script[i] !== '"') {
          if (
            script[i] === '\\' &&
            i + 1 < n &&
            '"\\$`\n'.includes(script[i + 1])
          ) {
            if (script[i + 1] !== '\n') text += script[i + 1];
            i += 2;
          } else {
            text += script[i];
            i++;
          }
        }
        i++;
      } else if (ch === '$' && script[i + 1] === '{') {
        // a GitHub Actions expression, substituted before the shell runs
        const close = script.indexOf('}}', i + 3);
        const stop = close < 0 ? n : close + 2;
        text += script.slice(i, stop);
        i = stop;
      } else if (ch === '$') {
        const end = matchParen(script, i + 1, n);
        text += script.slice(i, end);
        i = end;
      } else {
        const close = script.indexOf('`', i + 1);
        const stop = close < 0 ? n : close + 1;
        text += script.slice(i, stop);
        i = stop;
      }
      runStart = i;
    }
    if (runStart < Math.min(i, n))
      text += script.slice(runStart, Math.min(i, n));
    tokens.push({
      kind: 'word',
      word: { text, start, end: Math.min(i, n), quoted },
    });
  }
  return tokens;
}

/** Whether the word character at `i` is read other than as itself. */
function isSpecial(script: string, i: number, ch: string): boolean {
  if (ch === '\\' || ch === "'" || ch === '"' || ch === '`') return true;
  if (ch !== '$') return false;
  const next = script[i + 1];
  return next === '(' || (next === '{' && script[i + 2] === '{');
}

function matchParen(script: string, open: number, n: number): number {
  let depth = 0;
  for (let i = open; i < n; i++) {
    if (script[i] === '(') depth++;
    else if (script[i] === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return n;
}
