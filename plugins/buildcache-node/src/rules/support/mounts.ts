import type { ResolvedCacheMount } from '../../dockerfile/runAnalysis';
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
