import type { FileKind } from '@buildcache/plugin-buildcache-common';
import { expandBakeTargets } from '../ci/bake';
import type { CiConfigModel, ImageBuild } from '../ci/model';
import { joinRepoPath, type TextFile } from '../model/text';

/** Targets and groups of each bake file (HCL, JSON or compose) by path. */
export type BakeFileIndex = Map<
  string,
  { targets: Map<string, ImageBuild>; groups: Map<string, string[] | null> }
>;

/** Files `docker buildx bake` reads when none is given, in lookup order. */
const DEFAULT_BAKE_FILES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-bake.json',
  'docker-bake.override.json',
  'docker-bake.hcl',
  'docker-bake.override.hcl',
];

function resolveFiles(
  build: ImageBuild,
  files: ReadonlyMap<string, TextFile>,
): string[] | null {
  const bake = build.bake;
  if (!bake) return null;
  if (bake.files !== null) {
    if (bake.files.some(f => /\$|\{\{/.test(f) || !files.has(f))) return null;
    return bake.files;
  }
  if (bake.cwd === null) return null;
  const found = DEFAULT_BAKE_FILES.map(f =>
    joinRepoPath(bake.cwd ?? '', f),
  ).filter((f): f is string => f !== null && files.has(f));
  return found.length > 0 ? found : null;
}

/**
 * Resolves each bake invocation (bake-action step, `docker buildx bake`) to
 * the bake-file targets it builds. An invocation whose targets all resolve
 * carries their Dockerfile when they share one, and counts its cache
 * settings as external when the targets define cache themselves.
 */
export function linkBakeInvocations(
  configs: readonly CiConfigModel[],
  index: BakeFileIndex,
  files: ReadonlyMap<string, TextFile>,
  configOf: (path: string, kind: FileKind) => CiConfigModel,
): void {
  for (const config of configs) {
    for (const build of config.builds) {
      if (!build.bake) continue;
      const bakeFiles = resolveFiles(build, files);
      if (bakeFiles === null || bakeFiles.some(f => !index.has(f))) continue;
      const targets = new Map<string, ImageBuild>();
      const groups = new Map<string, string[] | null>();
      for (const f of bakeFiles) {
        const entry = index.get(f);
        if (!entry) continue;
        for (const [k, v] of entry.targets) targets.set(k, v);
        for (const [k, v] of entry.groups) groups.set(k, v);
      }
      const resolved = expandBakeTargets(build.bake.targets, groups, targets);
      build.bake.resolved = resolved;
      if (resolved === null) continue;
      for (const t of resolved) {
        const owner = configOf(t.path, t.kind);
        if (!owner.builds.includes(t)) owner.builds.push(t);
      }
      const targetCache = resolved.some(
        t =>
          t.cacheFrom.length + t.cacheTo.length > 0 || t.cacheSettingsExternal,
      );
      build.cacheSettingsExternal =
        targetCache ||
        [...build.cacheFrom, ...build.cacheTo].some(s => s.type === 'unknown');
      const links = new Set(
        resolved.map(t => `${t.dockerfile}\u0000${t.target}`),
      );
      if (links.size === 1 && resolved.length > 0) {
        build.dockerfile = resolved[0].dockerfile;
        build.context = resolved[0].context;
        build.target = resolved[0].target;
        build.platforms = resolved[0].platforms;
      }
    }
  }
}
