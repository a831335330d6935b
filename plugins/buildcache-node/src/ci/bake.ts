import { dirnameOf, joinRepoPath, type SourceRange } from '../model/text';
import type {
  BakeDefinition,
  BakeTargetDef,
  BakeValue,
} from './bakeDefinition';
import { parseCacheSpec } from './cacheSpec';
import type { CacheSpecModel, ImageBuild } from './model';

const MAX_INHERITS = 10;

/** A value as a list of items: a list's items, a single value, or none for null/absent. */
export function listItems(v: BakeValue | undefined): BakeValue[] {
  if (v === undefined || v.kind === 'null') return [];
  return v.kind === 'list' ? v.items : [v];
}

/** Attributes of a target with `inherits` applied (parents first, the target's own last). */
function mergedAttrs(
  def: BakeDefinition,
  name: string,
  depth = 0,
  seen = new Set<string>(),
): { attrs: Map<string, BakeValue>; missing: string[] } {
  const target = def.targets.get(name);
  if (!target || seen.has(name) || depth > MAX_INHERITS)
    return { attrs: new Map(), missing: target ? [] : [name] };
  seen.add(name);
  const attrs = new Map<string, BakeValue>();
  const missing: string[] = [];
  const inherits = target.attrs.get('inherits');
  const parents = listItems(inherits);
  for (const p of parents) {
    if (p.kind !== 'string' || p.unresolved) continue;
    const parent = mergedAttrs(def, p.text, depth + 1, seen);
    for (const [k, v] of parent.attrs) attrs.set(k, v);
    missing.push(...parent.missing);
  }
  for (const [k, v] of target.attrs) if (k !== 'inherits') attrs.set(k, v);
  return { attrs, missing };
}

function plainString(v: BakeValue | undefined): string | null | undefined {
  if (v === undefined || v.kind === 'null') return undefined;
  if (v.kind !== 'string' || v.unresolved) return null;
  return v.text;
}

function strings(v: BakeValue | undefined): {
  values: string[];
  unknown: boolean;
} {
  const items = listItems(v);
  const values: string[] = [];
  let unknown = false;
  for (const i of items) {
    if (i.kind === 'string' && i.text !== '') values.push(i.text);
    else if (i.kind !== 'string') unknown = true;
  }
  return { values, unknown };
}

/** Cache specs of a `cache-from`/`cache-to` attribute: strings, or objects like `{ type = "gha" }`. */
function cacheSpecs(v: BakeValue | undefined): {
  specs: CacheSpecModel[];
  unknown: boolean;
} {
  const items = listItems(v);
  const specs: CacheSpecModel[] = [];
  let unknown = v !== undefined && v.kind === 'unknown';
  for (const i of items) {
    if (i.kind === 'string') {
      if (i.text.trim() === '') continue;
      const spec = parseCacheSpec(i.text, i.range);
      spec.raw = i.range ? i.written : i.text;
      if (i.unresolved) spec.unresolved = true;
      specs.push(spec);
    } else if (i.kind === 'object') {
      const fields = i.entries.map(([k, e]) =>
        e.kind === 'string' || e.kind === 'scalar' ? `${k}=${e.text}` : null,
      );
      if (fields.some(f => f === null)) unknown = true;
      else specs.push(parseCacheSpec(fields.join(','), null));
    } else if (i.kind !== 'null') unknown = true;
  }
  return { specs, unknown };
}

const REMOTE_CONTEXT = /^([a-z]+:\/\/|git@|target:|docker-image:)/i;

/**
 * The image builds of a bake file's targets (templates named `_…` and
 * targets without a Dockerfile context are still builds when invoked).
 * `exists` tells which repo paths exist, to link the Dockerfile.
 */
export function bakeTargetBuilds(
  path: string,
  def: BakeDefinition,
  exists: (path: string) => boolean,
): Map<string, ImageBuild> {
  const out = new Map<string, ImageBuild>();
  for (const target of def.targets.values()) {
    out.set(target.name, targetBuild(path, def, target, exists));
  }
  return out;
}

function targetBuild(
  path: string,
  def: BakeDefinition,
  target: BakeTargetDef,
  exists: (path: string) => boolean,
): ImageBuild {
  const { attrs } = mergedAttrs(def, target.name);
  const contextRaw =
    plainString(attrs.get('context')) ?? (attrs.has('context') ? null : '.');
  const fileRaw = plainString(attrs.get('dockerfile'));
  let context: string | null = null;
  let dockerfile: string | null = null;
  if (
    contextRaw !== null &&
    contextRaw !== undefined &&
    !REMOTE_CONTEXT.test(contextRaw) &&
    !contextRaw.startsWith('/')
  ) {
    // Bake resolves paths against the working directory; try the repo root, then the bake file's folder.
    const name = fileRaw === undefined ? 'Dockerfile' : fileRaw;
    const candidates = [
      joinRepoPath('', contextRaw),
      joinRepoPath(dirnameOf(path), contextRaw),
    ];
    for (const c of candidates) {
      if (c === null || name === null || name.startsWith('/')) continue;
      const df = joinRepoPath(c, name);
      if (df !== null && exists(df)) {
        context = c;
        dockerfile = df;
        break;
      }
    }
    if (context === null && candidates[0] !== null) {
      context = candidates[0];
      dockerfile =
        name === null || name.startsWith('/')
          ? null
          : joinRepoPath(context, name);
    }
  }
  if (attrs.has('dockerfile-inline')) dockerfile = null;
  const from = cacheSpecs(attrs.get('cache-from'));
  const to = cacheSpecs(attrs.get('cache-to'));
  const args = attrs.get('args');
  const buildArgs: Record<string, string> = {};
  if (args?.kind === 'object')
    for (const [k, v] of args.entries)
      if (v.kind === 'string' || v.kind === 'scalar') buildArgs[k] = v.text;
  const tags = strings(attrs.get('tags'));
  const platforms = strings(attrs.get('platforms'));
  const targetAttr = plainString(attrs.get('target'));
  const range: SourceRange = target.range;
  return {
    path,
    kind: 'bake',
    tool: 'buildx-bake',
    range,
    anchorLine: range.line,
    dockerfile,
    context,
    target: targetAttr,
    cacheFrom: from.specs,
    cacheTo: to.specs,
    cacheSettingsExternal:
      from.unknown ||
      to.unknown ||
      [...from.specs, ...to.specs].some(s => s.type === 'unknown'),
    buildArgs,
    platforms: platforms.unknown ? [] : platforms.values,
    push: null,
    tags: tags.values,
    ephemeral: null,
    job: null,
    linkedDockerfile: null,
    bakeTarget: target.name,
  };
}

/** Expands target/group names to targets; null when a name cannot be resolved. */
export function expandBakeTargets(
  names: readonly string[],
  groups: ReadonlyMap<string, string[] | null>,
  targets: ReadonlyMap<string, ImageBuild>,
): ImageBuild[] | null {
  const out: ImageBuild[] = [];
  const visit = (name: string, depth: number): boolean => {
    if (depth > 10) return false;
    if (groups.has(name)) {
      const members = groups.get(name);
      if (!members) return false;
      return members.every(m => visit(m, depth + 1));
    }
    const t = targets.get(name);
    if (!t) return false;
    if (!out.includes(t)) out.push(t);
    return true;
  };
  const wanted = names.length > 0 ? names : ['default'];
  if (wanted.some(n => /\$|\{\{/.test(n))) return null;
  if (names.length === 0 && !groups.has('default') && !targets.has('default'))
    return targets.size === 1 ? [...targets.values()] : null;
  return wanted.every(n => visit(n, 0)) ? out : null;
}

/** Attributes that make a target something to build rather than a base to inherit. */
const BUILD_ATTRS = [
  'context',
  'dockerfile',
  'dockerfile-inline',
  'target',
  'output',
  'platforms',
  'cache-from',
  'cache-to',
];

/**
 * Targets that only exist to be inherited (`_common`, `meta-helper`): named
 * `_…`, or inherited by another target without any build attribute of their
 * own and not listed in a group. They are builds only when invoked.
 */
export function templateTargets(def: BakeDefinition): Set<string> {
  const inherited = new Set<string>();
  for (const t of def.targets.values())
    for (const i of listItems(t.attrs.get('inherits')))
      if (i.kind === 'string') inherited.add(i.text);
  const grouped = new Set([...def.groups.values()].flatMap(g => g ?? []));
  const out = new Set<string>();
  for (const t of def.targets.values()) {
    if (grouped.has(t.name)) continue;
    const ownBuildAttrs = BUILD_ATTRS.some(a => t.attrs.has(a));
    if (t.name.startsWith('_') || (inherited.has(t.name) && !ownBuildAttrs))
      out.add(t.name);
  }
  return out;
}
