import {
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { SourceRange, TextFile } from '../model/text';
import type { SkipReason } from '../input/decodeFile';
import type { YamlInsertionPoint } from './model';

export const MAX_YAML_ALIASES = 500;
export const MAX_YAML_NESTING = 100;

/** A YAML file parsed with positions; aliases are resolved lazily, never expanded. */
export interface YamlSource {
  doc: Document.Parsed;
  file: TextFile;
  lineCounter: LineCounter;
}

export type YamlParseResult =
  | { ok: true; yaml: YamlSource }
  | { ok: false; skip: SkipReason; detail: string }
  | { ok: false; skip: null; message: string; line: number; column: number };

/**
 * Cheap nesting estimate: flow-collection depth and indentation depth (a
 * line's spaces / 2, plus one per `- ` after them).
 */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let indentMax = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 10) {
      depth = Math.min(depth, 50);
      let j = i + 1;
      while (text.charCodeAt(j) === 32) j++;
      let level = (j - i - 1) / 2;
      // `- ` (45, 32)
      while (text.charCodeAt(j) === 45 && text.charCodeAt(j + 1) === 32) {
        level++;
        j += 2;
      }
      if (level > indentMax) indentMax = level;
    }
  }
  return Math.max(max, indentMax);
}

/**
 * GitLab CI/CD components begin with a `spec:` header document (the
 * component's inputs) and a `---`; the pipeline is the second document.
 * Returns that document (positions stay those of the whole file), or null
 * when the text is not exactly a `spec:`-only header and one more document.
 */
function documentAfterSpecHeader(text: string): Document.Parsed | null {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    strict: false,
  });
  if (!Array.isArray(docs) || docs.length !== 2) return null;
  const header = docs[0].contents;
  const onlySpec =
    isMap(header) &&
    header.items.length === 1 &&
    isScalar(header.items[0].key) &&
    header.items[0].key.value === 'spec';
  return onlySpec && docs[0].errors.length === 0 ? docs[1] : null;
}

/** Parses YAML for analysis; too deep or alias-heavy files are skipped (BC9002). */
export function parseYaml(file: TextFile): YamlParseResult {
  if (nestingDepth(file.text) > MAX_YAML_NESTING) {
    return {
      ok: false,
      skip: 'nesting-limit',
      detail: `nests deeper than ${MAX_YAML_NESTING} levels`,
    };
  }
  const lineCounter = new LineCounter();
  const options = {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    strict: false,
  } as const;
  let doc: Document.Parsed = parseDocument(file.text, options);
  if (doc.errors[0]?.code === 'MULTIPLE_DOCS') {
    const body = documentAfterSpecHeader(file.text);
    if (body) doc = body;
  }
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    return {
      ok: false,
      skip: null,
      message: error.message.split('\n')[0],
      line: pos.line,
      column: pos.col,
    };
  }
  if (!hasMoreAliasesThan(file.text, MAX_YAML_ALIASES))
    return { ok: true, yaml: { doc, file, lineCounter } };
  let aliases = 0;
  visit(doc, {
    Alias() {
      aliases++;
      return aliases > MAX_YAML_ALIASES ? visit.BREAK : undefined;
    },
  });
  if (aliases > MAX_YAML_ALIASES) {
    return {
      ok: false,
      skip: 'alias-limit',
      detail: `uses more than ${MAX_YAML_ALIASES} aliases`,
    };
  }
  return { ok: true, yaml: { doc, file, lineCounter } };
}

/**
 * Whether the text may hold more than `limit` aliases: every alias is
 * written `*name`, so a text with at most `limit` asterisks has no more.
 */
function hasMoreAliasesThan(text: string, limit: number): boolean {
  let stars = 0;
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1))
    if (++stars > limit) return true;
  return false;
}

/** A document's aliases and anchored nodes in document order (as yaml's Alias.resolve collects them). */
const anchorNodesOf = new WeakMap<Document.Parsed, Node[]>();

/**
 * `alias.resolve(doc)`: the last node before the alias that carries its
 * anchor. yaml walks the whole document on every such call; the nodes it
 * looks at are collected once per document here, with the same walk.
 */
function resolveAlias(doc: Document.Parsed, alias: Alias): Node | undefined {
  let nodes = anchorNodesOf.get(doc);
  if (!nodes) {
    const collected: Node[] = [];
    visit(doc, {
      Node: (_key, node) => {
        if (
          isAlias(node) ||
          ((isScalar(node) || isCollection(node)) && !!node.anchor)
        )
          collected.push(node);
      },
    });
    anchorNodesOf.set(doc, collected);
    nodes = collected;
  }
  let found: Node | undefined = undefined;
  for (const node of nodes) {
    if (node === alias) break;
    if (node.anchor === alias.source) found = node;
  }
  return found;
}

/** Follows an alias to its anchored node (one hop, no expansion). */
export function deref(y: YamlSource, node: unknown): Node | null {
  let n = node;
  for (let i = 0; i < 8 && isAlias(n); i++) n = resolveAlias(y.doc, n);
  return (n as Node | null | undefined) ?? null;
}

/** Value of `key` in a mapping, following `<<` merge keys. */
export function getIn(
  y: YamlSource,
  node: unknown,
  key: string,
  depth = 0,
): Node | null {
  const map = deref(y, node);
  if (!isMap(map) || depth > 8) return null;
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : null;
    if (k === key) return deref(y, pair.value);
  }
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === '<<') {
      const v = deref(y, pair.value);
      const sources = isSeq(v) ? v.items : [v];
      for (const s of sources) {
        const found = getIn(y, s, key, depth + 1);
        if (found) return found;
      }
    }
  }
  return null;
}

export function mapEntries(
  y: YamlSource,
  node: unknown,
): [string, Node | null, Node][] {
  const map = deref(y, node);
  if (!isMap(map)) return [];
  return map.items
    .filter(p => isScalar(p.key) && p.key.value !== '<<')
    .map(p => [
      String((p.key as Scalar).value),
      deref(y, p.value),
      p.key as Node,
    ]);
}

export function seqItems(y: YamlSource, node: unknown): Node[] {
  const seq = deref(y, node);
  if (!isSeq(seq)) return [];
  return seq.items.map(i => deref(y, i)).filter((i): i is Node => i !== null);
}

/** A scalar's value as a string; null for collections/missing. */
export function scalarText(y: YamlSource, node: unknown): string | null {
  const n = deref(y, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return null;
  return String(n.value);
}

export function nodeRange(y: YamlSource, node: Node): SourceRange {
  const r = node.range ?? [0, 0, 0];
  const s = y.lineCounter.linePos(r[0]);
  const e = y.lineCounter.linePos(r[1]);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

/**
 * Maps offsets in a scalar's value back to file positions: exact for
 * block literals and single-line scalars, approximate (the scalar's line)
 * for folded multi-line scalars.
 */
export function scalarPositionMapper(
  y: YamlSource,
  node: Node,
): (offset: number) => { line: number; column: number } {
  const scalar = node as Scalar;
  const r = node.range ?? [0, 0, 0];
  const start = y.lineCounter.linePos(r[0]);
  const value = String(scalar.value ?? '');
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    // Content starts on the line after the header; folding turns single
    // newlines into spaces, which keeps offsets aligned when no blank or
    // more-indented lines are folded.
    const headerLine = start.line;
    const sourceLines: string[] = [];
    const endLine = y.lineCounter.linePos(r[1]).line;
    for (let l = headerLine + 1; l <= Math.max(endLine, headerLine + 1); l++)
      sourceLines.push(y.file.lineText(l));
    const firstContent = sourceLines.find(l => l.trim() !== '') ?? '';
    const indent = firstContent.length - firstContent.trimStart().length;
    const stop = sourceLines.findIndex(
      l => l.trim() !== '' && l.length - l.trimStart().length < indent,
    );
    const lines = (stop < 0 ? sourceLines : sourceLines.slice(0, stop)).map(l =>
      l.slice(indent),
    );
    while (lines.length > 1 && lines[lines.length - 1].trim() === '')
      lines.pop();
    const aligned =
      scalar.type === 'BLOCK_LITERAL' ||
      value.trimEnd() === lines.join(' ').trimEnd();
    if (!aligned) return () => ({ line: start.line, column: start.col });
    return offset => {
      let remaining = offset;
      for (let i = 0; i < lines.length; i++) {
        if (remaining <= lines[i].length)
          return { line: headerLine + 1 + i, column: indent + remaining + 1 };
        remaining -= lines[i].length + 1;
      }
      return { line: headerLine + lines.length, column: indent + 1 };
    };
  }
  const quoted =
    scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  if (
    !value.includes('\n') &&
    start.line === y.lineCounter.linePos(r[1]).line
  ) {
    return offset => ({
      line: start.line,
      column: start.col + (quoted ? 1 : 0) + offset,
    });
  }
  return () => ({ line: start.line, column: start.col });
}

/** Where keys can be appended to a block mapping (null for flow mappings). */
export function insertionPointOf(
  y: YamlSource,
  node: Node | null,
): YamlInsertionPoint | null {
  if (!isMap(node) || (node as YAMLMap).flow || !node.range) return null;
  const first = (node as YAMLMap).items[0];
  if (!first || !isScalar(first.key) || !first.key.range) return null;
  const keyPos = y.lineCounter.linePos(first.key.range[0]);
  const endLine = y.file.positionAt(
    Math.max(node.range[1] - 1, node.range[0]),
  ).line;
  let last = endLine;
  while (last > keyPos.line && y.file.lineText(last).trim() === '') last--;
  const offset =
    last < y.file.lineCount ? y.file.offsetAt(last + 1, 1) : y.file.text.length;
  return { offset, indent: keyPos.col - 1 };
}
