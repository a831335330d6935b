import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { getIn, mapEntries, type YamlSource } from './yamlDocument';

/** One combination of a job's matrix: `file_tag.file` → value. */
export type MatrixCombination = Map<string, string>;

const MAX_COMBINATIONS = 256;
const MATRIX_EXPRESSION = /\$\{\{\s*matrix\.([\w.-]+)\s*\}\}/g;

/** Flattens a matrix value (scalar or nested mapping of scalars) under `prefix`. */
function flatten(
  y: YamlSource,
  node: Node | null,
  prefix: string,
  out: MatrixCombination,
): boolean {
  if (isScalar(node)) {
    if (node.value === null || typeof node.value === 'object') return false;
    out.set(prefix, String(node.value));
    return true;
  }
  if (isMap(node)) {
    for (const [k, v] of mapEntries(y, node))
      if (!flatten(y, v, `${prefix}.${k}`, out)) return false;
    return true;
  }
  return false;
}

function matches(
  combo: MatrixCombination,
  partial: MatrixCombination,
): boolean {
  for (const [k, v] of partial) {
    const mine = combo.get(k);
    if (mine !== undefined && mine !== v) return false;
  }
  return true;
}

/**
 * The combinations of a job's static `strategy.matrix` (axes, `include`,
 * `exclude`), each flattened to `axis.key` paths. Null when the matrix uses
 * expressions, is too large, or there is none.
 */
export function matrixCombinations(
  y: YamlSource,
  job: Node,
): MatrixCombination[] | null {
  const matrix = getIn(y, getIn(y, job, 'strategy'), 'matrix');
  if (!isMap(matrix)) return null;
  let combos: MatrixCombination[] = [new Map()];
  const includes: MatrixCombination[] = [];
  const excludes: MatrixCombination[] = [];
  for (const [axis, values] of mapEntries(y, matrix)) {
    if (!isSeq(values)) return null;
    const entries: MatrixCombination[] = [];
    for (const item of values.items) {
      const c: MatrixCombination = new Map();
      if (axis === 'include' || axis === 'exclude') {
        for (const [k, v] of mapEntries(y, item))
          if (!flatten(y, v, k, c)) return null;
      } else if (!flatten(y, item as Node, axis, c)) return null;
      entries.push(c);
    }
    if (axis === 'include') includes.push(...entries);
    else if (axis === 'exclude') excludes.push(...entries);
    else {
      combos = combos.flatMap(base =>
        entries.map(e => new Map([...base, ...e])),
      );
      if (combos.length > MAX_COMBINATIONS) return null;
    }
  }
  combos = combos.filter(c => c.size > 0 && !excludes.some(e => matches(c, e)));
  for (const inc of includes) {
    const extended = combos.filter(c => matches(c, inc));
    if (extended.length > 0)
      for (const c of extended) for (const [k, v] of inc) c.set(k, v);
    else combos.push(new Map(inc));
  }
  return combos.length > 0 && combos.length <= MAX_COMBINATIONS ? combos : null;
}

/** True when a value refers to the matrix. */
export function usesMatrix(value: string | null): boolean {
  return value !== null && /\$\{\{\s*matrix\./.test(value);
}

/** Substitutes `${{ matrix.path }}` from one combination; null when some part stays unknown. */
export function substituteMatrix(
  value: string,
  combo: ReadonlyMap<string, string>,
): string | null {
  const out = value.replace(
    MATRIX_EXPRESSION,
    (whole, path: string) => combo.get(path) ?? whole,
  );
  return out.includes('${{') ? null : out;
}
