/**
 * BuildKit continues an instruction on the next line only when the line
 * ends with an escape character that is not itself escaped
 * (`([^\\])\\[ \t]*$|^\\[ \t]*$`): `ENV C trailing\\` ends the instruction.
 * dockerfile-ast continues it. Masking such a final escape character with a
 * placeholder of the same length (so every offset stays the same) makes
 * dockerfile-ast split instructions like BuildKit; values read from the
 * AST are unmasked again.
 */

const MASK = '\uE000';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with the final escape character of every "escaped escape" line end masked. */
export function maskEscapedLineEnds(text: string, escapeChar: string): string {
  if (text.includes(MASK)) return text;
  const e = escapeRegExp(escapeChar);
  return text.replace(
    new RegExp(`${e}${e}([ \\t]*)(?=\\r?\\n|$)`, 'g'),
    (_m, ws: string) => `${escapeChar}${MASK}${ws}`,
  );
}

/** Restores masked escape characters in a value read from the AST of `text` (the original text). */
export function unmaskerFor(
  text: string,
  escapeChar: string,
): (value: string) => string {
  if (text.includes(MASK)) return v => v;
  return v => (v.includes(MASK) ? v.split(MASK).join(escapeChar) : v);
}
