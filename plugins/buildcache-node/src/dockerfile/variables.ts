/**
 * ARG/ENV expansion with Dockerfile word semantics. A value of `null` means
 * "declared but unknown" (e.g. `ARG VERSION` without default): expansion
 * through it is unresolvable, and callers abstain.
 */

/** Variables visible at one instruction. @public */
export type VariableScope = ReadonlyMap<string, string | null>;

/**
 * Expands `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`
 * and `${NAME+word}`. Returns null when any variable is undeclared, declared
 * without a value, or uses an operator we do not model.
 * @public
 */
export function expandVariables(
  input: string,
  scope: VariableScope,
  escapeChar = '\\',
): string | null {
  if (!input.includes('$')) return input;
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === escapeChar && input[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '{') {
      const close = findClosingBrace(input, i + 2);
      if (close < 0) return null;
      const body = input.slice(i + 2, close);
      const value = expandBraced(body, scope, escapeChar);
      if (value === null) return null;
      out += value;
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    const value = lookup(scope, m[0]);
    if (value === null) return null;
    out += value;
    i += 1 + m[0].length;
  }
  return out;
}

function findClosingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function lookup(scope: VariableScope, name: string): string | null {
  const v = scope.get(name);
  return v === undefined ? null : v;
}

function expandBraced(
  body: string,
  scope: VariableScope,
  escapeChar: string,
): string | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(body);
  if (!m) return null;
  const [, name, op, word] = m;
  const declared = scope.has(name);
  const value = scope.get(name);
  if (!op) return value === undefined ? null : value;
  const colon = op.startsWith(':');
  if (value === null) return null; // unknown at build time: either branch possible
  const isSet = declared && value !== undefined && (!colon || value !== '');
  if (op.endsWith('-')) {
    return isSet
      ? (value as string)
      : expandVariables(word ?? '', scope, escapeChar);
  }
  // `+`: the alternative when set
  if (!declared) return null;
  return isSet ? expandVariables(word ?? '', scope, escapeChar) : '';
}

/** Creates a scope from plain entries. @public */
export function createScope(
  entries: Record<string, string | null> = {},
): Map<string, string | null> {
  return new Map(Object.entries(entries));
}
