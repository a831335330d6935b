import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceRange } from '../model/text';
import type { SettingLocation } from './model';
import { disablesBuildkit } from './shellJobState';
import { nodeLocation, readListOrSeq } from './yamlInputs';
import {
  getIn,
  mapEntries,
  nodeRange,
  scalarText,
  seqItems,
  type YamlSource,
} from './yamlDocument';

const HOSTED_LABEL =
  /^(ubuntu|windows|macos)-(latest|\d[\w.-]*)(-arm|-arm64|-xlarge|-large)?$/;

/** True / false / null (unknown) for a job's `runs-on`. */
export function runsOnHosted(y: YamlSource, job: Node): boolean | null {
  const runsOn = getIn(y, job, 'runs-on');
  const labels: (string | null)[] = [];
  const s = scalarText(y, runsOn);
  if (s !== null) labels.push(s);
  else {
    const list = seqItems(y, runsOn);
    const fromMap = seqItems(y, getIn(y, runsOn, 'labels'));
    const single = scalarText(y, getIn(y, runsOn, 'labels'));
    for (const item of [...list, ...fromMap]) labels.push(scalarText(y, item));
    if (single !== null) labels.push(single);
    if (getIn(y, runsOn, 'group')) return null;
  }
  if (labels.length === 0 || labels.some(l => l === null || l.includes('${{')))
    return null;
  if (labels.includes('self-hosted')) return false;
  return labels.every(l => HOSTED_LABEL.test(l as string)) ? true : null;
}

/** The events of a workflow's `on:` (string, list or mapping). */
export function workflowTriggers(y: YamlSource): string[] {
  const root = y.doc.contents;
  let on: Node | null = null;
  for (const [key, value] of mapEntries(y, root))
    if (key === 'on' || key === 'true') on = value;
  if (on === null) {
    // `on:` parses as the boolean key true in YAML 1.1 readers; the yaml lib keeps "on".
    return [];
  }
  const single = scalarText(y, on);
  if (single !== null) return [single];
  if (isSeq(on))
    return seqItems(y, on)
      .map(i => scalarText(y, i))
      .filter((s): s is string => s !== null);
  if (isMap(on)) return mapEntries(y, on).map(([k]) => k);
  return [];
}

/** `DOCKER_BUILDKIT` set to a false value in an `env:` mapping. */
export function buildkitDisabledIn(
  y: YamlSource,
  owner: Node | null,
  key: string,
  path: string,
  anchorLine: number,
): SettingLocation | null | undefined {
  const env = getIn(y, owner, key);
  const node = getIn(y, env, 'DOCKER_BUILDKIT');
  if (node === null) return undefined;
  const value = isScalar(node) ? String(node.value) : null;
  if (value === null) return undefined;
  return disablesBuildkit(value)
    ? nodeLocation(y, node, path, anchorLine)
    : null;
}

/** What the steps of a job say about caches: actions/cache paths and cache-mount persistence. */
export function jobCacheSteps(
  y: YamlSource,
  steps: Node[],
): { persistedPaths: string[]; mountsPersisted: boolean } {
  const persistedPaths: string[] = [];
  let mountsPersisted = false;
  for (const step of steps) {
    const uses = scalarText(y, getIn(y, step, 'uses')) ?? '';
    if (/^actions\/cache(\/restore|\/save)?@/.test(uses)) {
      const path = getIn(y, getIn(y, step, 'with'), 'path');
      persistedPaths.push(...readListOrSeq(y, path, false));
    }
    if (/buildkit-cache-dance@/.test(uses)) mountsPersisted = true;
  }
  return {
    persistedPaths: persistedPaths.map(normalizeCachePath),
    mountsPersisted,
  };
}

/** Normalises a cache directory for comparison: no `./`, no trailing slash, workspace prefix dropped. */
export function normalizeCachePath(path: string): string {
  let p = path
    .trim()
    .replace(/^\$\{\{\s*github\.workspace\s*\}\}\/?/, '')
    .replace(/^\$\{?(GITHUB_WORKSPACE|CI_PROJECT_DIR)\}?\/?/, '');
  p = p.replace(/^\.\//, '').replace(/\/+$/, '');
  return p === '' ? '.' : p;
}

/**
 * The range of a step: from its first key, or from its `-` when the dash
 * stands alone on the line above (the `-\n  name: …` style), so the step's
 * first line is the list item's line.
 */
export function stepRange(y: YamlSource, step: Node): SourceRange {
  const range = nodeRange(y, step);
  const start = step.range?.[0];
  if (start === undefined) return range;
  const text = y.file.text;
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0 || text[i] !== '\n') return range;
  i--;
  if (i >= 0 && text[i] === '\r') i--;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0 || text[i] !== '-') return range;
  const before = i === 0 ? '\n' : text[i - 1];
  if (before !== ' ' && before !== '\t' && before !== '\n') return range;
  const dash = y.file.positionAt(i);
  return { ...range, line: dash.line, column: dash.column };
}
