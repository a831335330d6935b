import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { SourceRange, TextFile } from '../model/text';
import {
  parseHcl,
  readTemplate,
  type HclValue,
  type TemplatePart,
} from './hcl';
import { deref, mapEntries, nodeRange, type YamlSource } from './yamlDocument';

/** An evaluated bake attribute value. Variables are replaced by their defaults. */
export type BakeValue =
  | {
      kind: 'string';
      text: string;
      /** True when part of it could not be evaluated (a variable without default, a function call). */
      unresolved: boolean;
      /** The text as written in the file (before interpolation). */
      written: string;
      /** Where `written` is in the file, when known. */
      range: SourceRange | null;
    }
  | { kind: 'list'; items: BakeValue[] }
  | { kind: 'object'; entries: [string, BakeValue][] }
  | { kind: 'scalar'; text: string }
  | { kind: 'null' }
  | { kind: 'unknown'; raw: string };

/** A `target` of a bake file before `inherits` is applied. */
export interface BakeTargetDef {
  name: string;
  attrs: Map<string, BakeValue>;
  /** The `target "name"` header. */
  range: SourceRange;
}

/** The targets and groups of one bake file. */
export interface BakeDefinition {
  targets: Map<string, BakeTargetDef>;
  /** Group name → member names (null when not a plain list). */
  groups: Map<string, string[] | null>;
}

type Lookup = (name: string) => BakeValue;

function fromTemplate(
  parts: TemplatePart[],
  lookup: Lookup,
  written: string,
  range: SourceRange | null,
): BakeValue {
  let text = '';
  let unresolved = false;
  for (const p of parts) {
    if (p.kind === 'text') text += p.text;
    else if (p.kind === 'var') {
      const v = lookup(p.name);
      if (v.kind === 'string' && !v.unresolved) text += v.text;
      else if (v.kind === 'scalar') text += v.text;
      else {
        unresolved = true;
        text += `\${${p.name}}`;
      }
    } else {
      unresolved = true;
      text += p.raw;
    }
  }
  return { kind: 'string', text, unresolved, written, range };
}

function evaluateHcl(
  file: TextFile,
  value: HclValue,
  lookup: Lookup,
): BakeValue {
  switch (value.kind) {
    case 'template': {
      const quoted = file.text[value.start] === '"';
      const written = quoted
        ? file.text.slice(value.contentStart, value.end - 1)
        : '';
      const range = quoted
        ? file.rangeOfOffsets(value.contentStart, value.end - 1)
        : null;
      return fromTemplate(value.parts, lookup, written, range);
    }
    case 'literal':
      return value.value === null
        ? { kind: 'null' }
        : { kind: 'scalar', text: String(value.value) };
    case 'variable':
      return lookup(value.name);
    case 'list':
      return {
        kind: 'list',
        items: value.items.map(i => evaluateHcl(file, i, lookup)),
      };
    case 'object':
      return {
        kind: 'object',
        entries: value.entries.map(e => [
          e.key,
          evaluateHcl(file, e.value, lookup),
        ]),
      };
    default:
      return { kind: 'unknown', raw: value.raw };
  }
}

/** Variable lookup with defaults, cycle-safe; unknown names and null defaults are unresolved. */
function variableLookup(
  defaults: Map<string, (l: Lookup) => BakeValue>,
): Lookup {
  const cache = new Map<string, BakeValue>();
  const active = new Set<string>();
  const lookup: Lookup = name => {
    const cached = cache.get(name);
    if (cached) return cached;
    const compute = defaults.get(name);
    if (!compute || active.has(name)) return { kind: 'unknown', raw: name };
    active.add(name);
    const v = compute(lookup);
    active.delete(name);
    cache.set(name, v);
    return v;
  };
  return lookup;
}

function stringList(v: BakeValue | undefined): string[] | null {
  if (v === undefined) return [];
  if (v.kind !== 'list') return null;
  const out: string[] = [];
  for (const i of v.items) {
    if (i.kind !== 'string' || i.unresolved) return null;
    out.push(i.text);
  }
  return out;
}

/** Reads an HCL bake file. Throws on syntax errors. */
export function readBakeHcl(file: TextFile): BakeDefinition {
  const body = parseHcl(file);
  const defaults = new Map<string, (l: Lookup) => BakeValue>();
  for (const a of body.attributes)
    defaults.set(a.name, l => evaluateHcl(file, a.value, l));
  for (const b of body.blocks) {
    if (b.type !== 'variable' || b.labels.length !== 1) continue;
    const def = b.attributes.find(a => a.name === 'default');
    defaults.set(b.labels[0], l =>
      def ? evaluateHcl(file, def.value, l) : { kind: 'null' },
    );
  }
  const lookup = variableLookup(defaults);
  const targets = new Map<string, BakeTargetDef>();
  const groups = new Map<string, string[] | null>();
  for (const b of body.blocks) {
    if (b.labels.length !== 1) continue;
    const attrs = new Map<string, BakeValue>();
    for (const a of b.attributes)
      attrs.set(a.name, evaluateHcl(file, a.value, lookup));
    if (b.type === 'group')
      groups.set(b.labels[0], stringList(attrs.get('targets')));
    else if (b.type === 'target') {
      const pos = file.positionAt(b.start);
      const header = file.lineText(pos.line).trimEnd();
      targets.set(b.labels[0], {
        name: b.labels[0],
        attrs,
        range: {
          line: pos.line,
          column: pos.column,
          endLine: pos.line,
          endColumn: header.length + 1,
        },
      });
    }
  }
  return { targets, groups };
}

function jsonValue(y: YamlSource, node: unknown, lookup: Lookup): BakeValue {
  const n = deref(y, node);
  if (isScalar(n)) {
    const s = n as Scalar;
    if (s.value === null) return { kind: 'null' };
    if (typeof s.value !== 'string')
      return { kind: 'scalar', text: String(s.value) };
    const value = s.value;
    const quoted =
      s.type === 'QUOTE_DOUBLE' && !!s.range && y.file.text[s.range[0]] === '"';
    const written =
      quoted && s.range
        ? y.file.text.slice(s.range[0] + 1, s.range[1] - 1)
        : value;
    const exact = written === value;
    const { parts } = readTemplate(value, 0, i => i >= value.length);
    const range =
      quoted && exact && s.range
        ? y.file.rangeOfOffsets(s.range[0] + 1, s.range[1] - 1)
        : null;
    return fromTemplate(parts, lookup, written, range);
  }
  if (isSeq(n))
    return { kind: 'list', items: n.items.map(i => jsonValue(y, i, lookup)) };
  if (isMap(n))
    return {
      kind: 'object',
      entries: mapEntries(y, n).map(([k, v]) => [k, jsonValue(y, v, lookup)]),
    };
  return { kind: 'unknown', raw: '' };
}

/** Reads a JSON bake file (already parsed with positions by the YAML reader). */
export function readBakeJson(y: YamlSource): BakeDefinition {
  const root = y.doc.contents;
  const section = (name: string): [string, Node | null, Node][] => {
    const s = mapEntries(y, root).find(([k]) => k === name);
    return s ? mapEntries(y, s[1]) : [];
  };
  const defaults = new Map<string, (l: Lookup) => BakeValue>();
  for (const [name, v] of section('variable')) {
    const def = mapEntries(y, v).find(([k]) => k === 'default');
    defaults.set(name, l => (def ? jsonValue(y, def[1], l) : { kind: 'null' }));
  }
  const lookup = variableLookup(defaults);
  const targets = new Map<string, BakeTargetDef>();
  const groups = new Map<string, string[] | null>();
  for (const [name, v, key] of section('target')) {
    const attrs = new Map<string, BakeValue>();
    for (const [k, value] of mapEntries(y, v))
      attrs.set(k, jsonValue(y, value, lookup));
    targets.set(name, { name, attrs, range: nodeRange(y, key) });
  }
  for (const [name, v] of section('group')) {
    const t = mapEntries(y, v).find(([k]) => k === 'targets');
    groups.set(name, stringList(t ? jsonValue(y, t[1], lookup) : undefined));
  }
  return { targets, groups };
}
