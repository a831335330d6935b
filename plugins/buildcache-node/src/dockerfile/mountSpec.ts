import type { SourceRange } from '../model/text';

/** One `key=value` of a `--mount` flag, with its position. @public */
export interface MountOption {
  key: string;
  /** Value with surrounding quotes removed; null for a bare key (e.g. `readonly`). */
  value: string | null;
  range: SourceRange;
}

/** A parsed `RUN --mount=…`. @public */
export interface MountSpec {
  /** `bind` when not given (BuildKit's default). */
  type: string;
  /** Target as written after ARG/ENV expansion; null when absent or unresolvable. */
  target: string | null;
  /** Target as written, before expansion. */
  rawTarget: string | null;
  /** True when the target contains variables that could not be expanded. */
  targetUnresolved: boolean;
  id: string | null;
  sharing: string | null;
  uid: string | null;
  gid: string | null;
  mode: string | null;
  from: string | null;
  source: string | null;
  options: MountOption[];
  /** The whole flag, `--mount=…`. */
  range: SourceRange;
  /** Just the value after `--mount=`. */
  valueRange: SourceRange;
  /** The flag value as written. */
  raw: string;
}

const TARGET_KEYS = ['target', 'dst', 'destination'];

function unquote(v: string): string {
  if (
    v.length >= 2 &&
    ((v.startsWith('"') && v.endsWith('"')) ||
      (v.startsWith("'") && v.endsWith("'")))
  ) {
    return v.slice(1, -1);
  }
  return v;
}

/** Splits a CSV-ish mount value on commas outside double quotes, keeping offsets. */
export function splitMountFields(
  raw: string,
): { text: string; offset: number }[] {
  const fields: { text: string; offset: number }[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i <= raw.length; i++) {
    const c = raw[i];
    if (c === '"') inQuote = !inQuote;
    if (i === raw.length || (c === ',' && !inQuote)) {
      fields.push({ text: raw.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  return fields;
}

/**
 * Parses a mount flag value. `expand` resolves ARG/ENV in a value (null when
 * unresolvable); `rangeOf(offset, length)` maps value offsets to file ranges.
 */
export function parseMountSpec(
  raw: string,
  expand: (value: string) => string | null,
  rangeOf: (offset: number, length: number) => SourceRange,
  flagRange: SourceRange,
): MountSpec {
  let body = raw;
  let base = 0;
  if (body.length >= 2 && body.startsWith('"') && body.endsWith('"')) {
    body = body.slice(1, -1);
    base = 1;
  }
  const options: MountOption[] = [];
  for (const field of splitMountFields(body)) {
    const text = field.text.trim();
    if (text === '') continue;
    const lead = field.text.length - field.text.trimStart().length;
    const eq = text.indexOf('=');
    const key = (eq < 0 ? text : text.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? null : unquote(text.slice(eq + 1).trim());
    options.push({
      key,
      value,
      range: rangeOf(base + field.offset + lead, text.length),
    });
  }
  const get = (keys: string[]): string | null => {
    for (let i = options.length - 1; i >= 0; i--) {
      if (keys.includes(options[i].key)) return options[i].value;
    }
    return null;
  };
  const expanded = (keys: string[]): string | null => {
    const v = get(keys);
    return v === null ? null : expand(v);
  };
  const rawTarget = get(TARGET_KEYS);
  const target = rawTarget === null ? null : expand(rawTarget);
  return {
    type: (expanded(['type']) ?? 'bind').toLowerCase(),
    target,
    rawTarget,
    targetUnresolved: rawTarget !== null && target === null,
    id: expanded(['id']),
    sharing: expanded(['sharing']),
    uid: expanded(['uid']),
    gid: expanded(['gid']),
    mode: expanded(['mode']),
    from: expanded(['from']),
    source: expanded(['source', 'src']),
    options,
    range: flagRange,
    valueRange: rangeOf(0, raw.length),
    raw,
  };
}
