import type { CacheSpecModel, ImageBuild } from '../../ci/model';
import type { TextEdit } from '../../engine/ruleTypes';
import type { TextFile } from '../../model/text';

/** A cache spec together with the build (and so the file) it is written in. */
export interface LocatedSpec {
  spec: CacheSpecModel;
  build: ImageBuild;
}

/** The build's own specs plus, for a resolved bake invocation, those of its targets. */
export function effectiveSpecs(
  build: ImageBuild,
  side: 'cacheFrom' | 'cacheTo',
): LocatedSpec[] {
  const own = build[side].map(spec => ({ spec, build }));
  const targets = build.bake?.resolved ?? [];
  return [
    ...own,
    ...targets.flatMap(t => t[side].map(spec => ({ spec, build: t }))),
  ];
}

/** The spec exactly as written at its range, or null when it cannot be edited in place. */
export function writtenSpec(
  file: TextFile | undefined,
  spec: CacheSpecModel,
): { start: number; end: number; text: string } | null {
  if (!file || !spec.range) return null;
  const start = file.offsetAt(spec.range.line, spec.range.column);
  const end = file.offsetAt(spec.range.endLine, spec.range.endColumn);
  const text = file.text.slice(start, end);
  return text === spec.raw ? { start, end, text } : null;
}

/** An edit replacing a spec's written text. */
export function replaceSpec(
  file: TextFile | undefined,
  spec: CacheSpecModel,
  text: string,
): TextEdit | null {
  const w = writtenSpec(file, spec);
  return w ? { start: w.start, end: w.end, text } : null;
}

/** Drops `key=…` fields from a comma-separated spec and appends new ones. */
export function withFields(raw: string, drop: string[], add: string[]): string {
  const kept = raw
    .split(',')
    .filter(f => !drop.includes(f.split('=')[0].trim()));
  return [...kept, ...add].join(',');
}

/** Sets `key=value` in a comma-separated spec, in place when the key is there, else appended. */
export function setField(raw: string, key: string, value: string): string {
  const fields = raw.split(',');
  const i = fields.findIndex(f => f.split('=')[0].trim() === key);
  if (i < 0) return [...fields, `${key}=${value}`].join(',');
  fields[i] = `${key}=${value}`;
  return fields.join(',');
}

const DEFAULT_REGISTRY = 'docker.io';

/** Normalises an image reference: default registry and `library/`, `:latest` tag, lower-case registry. */
export function normalizeImageRef(ref: string): string {
  let r = ref.trim();
  const digest = r.indexOf('@');
  const digestPart = digest >= 0 ? r.slice(digest) : '';
  if (digest >= 0) r = r.slice(0, digest);
  const slash = r.indexOf('/');
  const first = slash < 0 ? '' : r.slice(0, slash);
  const hasRegistry =
    slash >= 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first.toLowerCase() : DEFAULT_REGISTRY;
  let path = hasRegistry ? r.slice(slash + 1) : r;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io')
    registry = DEFAULT_REGISTRY;
  const lastSlash = path.lastIndexOf('/');
  const colon = path.lastIndexOf(':');
  if (colon <= lastSlash && digestPart === '') path = `${path}:latest`;
  if (registry === DEFAULT_REGISTRY && !path.includes('/'))
    path = `library/${path}`;
  return `${registry}/${path}${digestPart}`;
}

/** `repo` of `repo:tag` / `repo@digest` (the tag or digest removed). */
export function imageRepository(ref: string): string {
  const r = ref.trim().replace(/@.*$/, '');
  const lastSlash = r.lastIndexOf('/');
  const colon = r.lastIndexOf(':');
  return colon > lastSlash ? r.slice(0, colon) : r;
}

/** Where a cache is stored, to match writers with readers; null when it cannot be told. */
export function cacheLocation(
  spec: CacheSpecModel,
  side: 'from' | 'to',
): string | null {
  const p = spec.params;
  switch (spec.type) {
    case 'gha':
      return `gha:${p.scope ?? 'buildkit'}:${p.url ?? ''}`;
    case 'registry':
      return p.ref ? `registry:${normalizeImageRef(p.ref)}` : null;
    case 'local': {
      const dir = side === 'from' ? p.src : p.dest;
      return dir ? `local:${dir.replace(/\/+$/, '')}` : null;
    }
    case 's3':
      return `s3:${p.bucket ?? ''}:${p.region ?? ''}:${p.prefix ?? ''}:${
        p.name ?? ''
      }`;
    case 'azblob':
      return `azblob:${p.account_url ?? ''}:${p.prefix ?? ''}:${p.name ?? ''}`;
    default:
      return null;
  }
}

/**
 * True when a cache value contains an expression, a variable or a template
 * placeholder we cannot evaluate (`${{ }}`, `$VAR`, CircleCI `<< >>`,
 * Jinja/Go/Helm/cookiecutter `{{ }}`, ERB `<% %>`).
 */
export function hasExpression(text: string): boolean {
  return /\$\{\{|\$\{?[A-Za-z_]|<<\s*[\w.-]+\s*>>|\{\{|\{%|<%/.test(text);
}
