/**
 * A small HCL reader for the subset Docker Bake files use: blocks with
 * labels, attributes, strings with `${…}` templates, heredocs, lists,
 * objects, numbers, booleans and null. Any other expression (function
 * calls, conditionals, for-expressions, operators) is kept as `unknown`
 * with its source text, so callers can abstain instead of guessing.
 */
import type { TextFile } from '../model/text';
import {
  HclSyntaxError,
  tokenize,
  type HclAttribute,
  type HclBlock,
  type HclValue,
  type Token,
} from './hclLexer';

export {
  HclSyntaxError,
  readTemplate,
  type HclAttribute,
  type HclBlock,
  type HclValue,
  type TemplatePart,
} from './hclLexer';

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }

  private skipNewlines() {
    while (this.peek()?.t === 'nl') this.i++;
  }

  body(closing: boolean): { attributes: HclAttribute[]; blocks: HclBlock[] } {
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t) {
        if (closing) throw new HclSyntaxError('missing }', this.text.length);
        break;
      }
      if (t.t === 'punct' && t.text === '}') {
        if (!closing) throw new HclSyntaxError('unexpected }', t.start);
        break;
      }
      if (t.t !== 'ident')
        throw new HclSyntaxError('expected an attribute or block', t.start);
      this.i++;
      const next = this.peek();
      if (next?.t === 'punct' && next.text === '=') {
        this.i++;
        const span = this.expressionSpan();
        if (span.length === 0)
          throw new HclSyntaxError(
            `attribute ${t.text} has no value`,
            next.end,
          );
        attributes.push({
          name: t.text,
          value: this.interpret(span),
          start: t.start,
        });
        continue;
      }
      const labels: string[] = [];
      while (
        this.peek() &&
        (this.peek()?.t === 'string' || this.peek()?.t === 'ident')
      ) {
        const l = this.peek() as Token;
        labels.push(
          l.t === 'string'
            ? l.parts.map(p => (p.kind === 'text' ? p.text : '')).join('')
            : l.text,
        );
        this.i++;
      }
      const open = this.peek();
      if (!(open?.t === 'punct' && open.text === '{'))
        throw new HclSyntaxError(
          `expected { after ${t.text}`,
          open?.start ?? this.text.length,
        );
      this.i++;
      const inner = this.body(true);
      const close = this.peek() as Token;
      this.i++;
      blocks.push({
        type: t.text,
        labels,
        ...inner,
        start: t.start,
        end: close.end,
      });
    }
    return { attributes, blocks };
  }

  /** Tokens of an expression: up to a newline (or closing `}`) outside brackets. */
  private expressionSpan(): Token[] {
    const span: Token[] = [];
    const stack: string[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (
        stack.length === 0 &&
        (t.t === 'nl' || (t.t === 'punct' && t.text === '}'))
      )
        break;
      if (t.t === 'punct' && OPEN[t.text]) stack.push(OPEN[t.text]);
      else if (
        t.t === 'punct' &&
        (t.text === ')' || t.text === ']' || t.text === '}')
      ) {
        if (stack.pop() !== t.text)
          throw new HclSyntaxError(`unbalanced ${t.text}`, t.start);
      }
      span.push(t);
      this.i++;
    }
    if (stack.length > 0)
      throw new HclSyntaxError('unclosed bracket', this.text.length);
    return span;
  }

  interpret(span: Token[]): HclValue {
    const body = span.filter(t => t.t !== 'nl');
    const start = body[0]?.start ?? 0;
    const end = body[body.length - 1]?.end ?? start;
    const unknown = (): HclValue => ({
      kind: 'unknown',
      raw: this.text.slice(start, end),
      start,
      end,
    });
    if (body.length === 1) {
      const t = body[0];
      if (t.t === 'string')
        return {
          kind: 'template',
          parts: t.parts,
          exact: t.exact,
          contentStart: t.contentStart,
          start,
          end,
        };
      if (t.t === 'number')
        return { kind: 'literal', value: Number(t.text), start, end };
      if (t.t === 'ident') {
        if (t.text === 'true' || t.text === 'false')
          return { kind: 'literal', value: t.text === 'true', start, end };
        if (t.text === 'null')
          return { kind: 'literal', value: null, start, end };
        return { kind: 'variable', name: t.text, start, end };
      }
      return unknown();
    }
    const first = body[0];
    const last = body[body.length - 1];
    if (
      first.t !== 'punct' ||
      last.t !== 'punct' ||
      this.closingOf(body) !== body.length - 1
    )
      return unknown();
    const inner = span.slice(span.indexOf(first) + 1, span.lastIndexOf(last));
    const elements = this.split(inner, first.text === '{');
    if (first.text === '[') {
      if (
        elements.some(
          e => e.length > 0 && e[0].t === 'ident' && e[0].text === 'for',
        )
      )
        return unknown();
      return {
        kind: 'list',
        items: elements.filter(e => e.length > 0).map(e => this.interpret(e)),
        start,
        end,
      };
    }
    if (first.text === '{') {
      const entries: { key: string; value: HclValue }[] = [];
      for (const e of elements) {
        if (e.length === 0) continue;
        const sep = e.findIndex(
          t => t.t === 'punct' && (t.text === '=' || t.text === ':'),
        );
        const k = e[0];
        if (sep !== 1 || (k.t !== 'ident' && k.t !== 'string'))
          return unknown();
        const key =
          k.t === 'string'
            ? k.parts.map(p => (p.kind === 'text' ? p.text : '')).join('')
            : k.text;
        entries.push({ key, value: this.interpret(e.slice(2)) });
      }
      return { kind: 'object', entries, start, end };
    }
    return unknown();
  }

  /** Index of the token closing `body[0]`. */
  private closingOf(body: Token[]): number {
    let depth = 0;
    for (let k = 0; k < body.length; k++) {
      const t = body[k];
      if (t.t !== 'punct') continue;
      if (OPEN[t.text]) depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}')
        if (--depth === 0) return k;
    }
    return -1;
  }

  /** Splits at top-level commas (and newlines inside objects). */
  private split(tokens: Token[], newlines: boolean): Token[][] {
    const out: Token[][] = [[]];
    let depth = 0;
    for (const t of tokens) {
      if (t.t === 'punct' && OPEN[t.text]) depth++;
      else if (
        t.t === 'punct' &&
        (t.text === ')' || t.text === ']' || t.text === '}')
      )
        depth--;
      if (
        depth === 0 &&
        ((t.t === 'punct' && t.text === ',') || (newlines && t.t === 'nl'))
      ) {
        out.push([]);
        continue;
      }
      if (t.t !== 'nl') out[out.length - 1].push(t);
    }
    return out;
  }
}

/** Parses an HCL file into its top-level body. Throws {@link HclSyntaxError}. */
export function parseHcl(file: TextFile): HclBlock {
  const tokens = tokenize(file.text);
  const parser = new Parser(tokens, file.text);
  const body = parser.body(false);
  return { type: '', labels: [], ...body, start: 0, end: file.text.length };
}
