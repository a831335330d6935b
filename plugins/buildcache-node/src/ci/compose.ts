import type { Node } from 'yaml';
import { dirnameOf, joinRepoPath } from '../model/text';
import { parseCacheSpec } from './cacheSpec';
import type { CacheSpecModel, ImageBuild } from './model';
import { exactRange } from './yamlInputs';
import {
  getIn,
  mapEntries,
  nodeRange,
  scalarText,
  seqItems,
  type YamlSource,
} from './yamlDocument';

const UNRESOLVED = /\$/;

/** Strings of a scalar-or-sequence node, each with its node (to locate it). */
function entries(
  y: YamlSource,
  node: Node | null,
): { text: string; node: Node }[] {
  if (node === null) return [];
  const single = scalarText(y, node);
  if (single !== null) return [{ text: single, node }];
  return seqItems(y, node)
    .map(n => ({ text: scalarText(y, n), node: n }))
    .filter(
      (e): e is { text: string; node: Node } =>
        e.text !== null && e.text.trim() !== '',
    );
}

function specs(y: YamlSource, node: Node | null): CacheSpecModel[] {
  return entries(y, node).map(e =>
    parseCacheSpec(e.text, exactRange(y, e.node, 0, e.text)),
  );
}

/** `target:` as ImageBuild wants it: undefined when absent, null when it uses a variable. */
function targetOf(target: string | null): string | null | undefined {
  if (target === null) return undefined;
  return UNRESOLVED.test(target) ? null : target;
}

/** A compose path (context, dockerfile): null when it uses a variable, is remote or absolute. */
function localPath(base: string, p: string | null): string | null {
  if (
    p === null ||
    UNRESOLVED.test(p) ||
    /^[a-z]+:\/\/|^git@/i.test(p) ||
    p.startsWith('/')
  )
    return null;
  return joinRepoPath(base, p);
}

/** The image builds of a compose file: one per service with `build:`, keyed by service name. */
export function readCompose(
  y: YamlSource,
  path: string,
): Map<string, ImageBuild> {
  const out = new Map<string, ImageBuild>();
  const services = getIn(y, y.doc.contents, 'services');
  for (const [name, service, key] of mapEntries(y, services)) {
    if (!service) continue;
    const buildNode = getIn(y, service, 'build');
    if (buildNode === null) continue;
    const single = scalarText(y, buildNode);
    const read = (k: string) =>
      single !== null ? null : getIn(y, buildNode, k);
    const context = localPath(
      dirnameOf(path),
      single ?? scalarText(y, read('context')) ?? '.',
    );
    const fileText = scalarText(y, read('dockerfile')) ?? 'Dockerfile';
    const dockerfile =
      context === null || read('dockerfile_inline') !== null
        ? null
        : localPath(context, fileText);
    const xbake = read('x-bake');
    const cacheFrom = [
      ...specs(y, read('cache_from')),
      ...specs(y, getIn(y, xbake, 'cache-from')),
    ];
    const cacheTo = [
      ...specs(y, read('cache_to')),
      ...specs(y, getIn(y, xbake, 'cache-to')),
    ];
    const buildArgs: Record<string, string> = {};
    const args = read('args');
    for (const [k, v] of mapEntries(y, args))
      buildArgs[k] = scalarText(y, v) ?? '';
    for (const e of entries(y, seqItems(y, args).length > 0 ? args : null)) {
      const eq = e.text.indexOf('=');
      if (eq > 0) buildArgs[e.text.slice(0, eq)] = e.text.slice(eq + 1);
    }
    const image = scalarText(y, getIn(y, service, 'image'));
    const tags = [
      ...(image ? [image] : []),
      ...entries(y, read('tags')).map(e => e.text),
      ...entries(y, getIn(y, xbake, 'tags')).map(e => e.text),
    ];
    const target = scalarText(y, read('target'));
    const buildKey =
      mapEntries(y, service).find(([k]) => k === 'build')?.[2] ?? key;
    const range = nodeRange(y, buildKey);
    out.set(name, {
      path,
      kind: 'compose',
      tool: 'compose',
      range,
      anchorLine: range.line,
      dockerfile,
      context,
      target: targetOf(target),
      cacheFrom,
      cacheTo,
      cacheSettingsExternal: [...cacheFrom, ...cacheTo].some(
        s => s.type === 'unknown',
      ),
      buildArgs,
      platforms: [
        ...entries(y, read('platforms')).map(e => e.text),
        ...entries(y, getIn(y, xbake, 'platforms')).map(e => e.text),
      ],
      push: null,
      tags,
      ephemeral: null,
      job: null,
      linkedDockerfile: null,
      bakeTarget: name,
    });
  }
  return out;
}
