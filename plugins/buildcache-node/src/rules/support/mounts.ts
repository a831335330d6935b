import type { ResolvedCacheMount } from '../../dockerfile/runAnalysis';
import type { MountSpec } from '../../dockerfile/mountSpec';
import { mountCoversDirectory } from '../../shell/cacheDirectories';

/** True when some cache mount keeps one of `dirs`. */
export function anyMountCovers(
  mounts: readonly ResolvedCacheMount[],
  dirs: readonly string[],
): boolean {
  return mounts.some(
    m =>
      m.target !== null &&
      dirs.some(d => mountCoversDirectory(m.target as string, d)),
  );
}

/** True when a cache mount's target could not be resolved (rules then abstain). */
export function hasUnresolvedMount(
  mounts: readonly ResolvedCacheMount[],
): boolean {
  return mounts.some(m => m.target === null);
}

/** True when `path` is `dir` or lies inside it (absolute, normalised paths). */
export function isWithin(path: string, dir: string): boolean {
  const p = path.replace(/\/+$/, '') || '/';
  const d = dir.replace(/\/+$/, '') || '/';
  return p === d || d === '/' || p.startsWith(`${d}/`);
}

/** Go's `path.Clean` for the id BuildKit derives from a target. */
export function cleanPath(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (abs) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/**
 * The cache id BuildKit uses for a cache mount: `id`, or the cleaned target
 * as written (not resolved against WORKDIR). Null when unresolvable.
 */
export function cacheIdOf(mount: MountSpec): string | null {
  const idWritten = mount.options.some(o => o.key === 'id');
  if (idWritten && mount.id !== null && mount.id !== '') return mount.id;
  if (idWritten && mount.id === null) return null;
  return mount.target === null || mount.target === ''
    ? null
    : cleanPath(mount.target);
}
