import { createHash } from 'node:crypto';
import type { ArchiveCache } from './archiveCache';
import { ScmStore } from './store/store';

/** Public base URLs the JSON answers point back at. */
export interface SimulatorUrls {
  /** GitHub web origin, e.g. http://127.0.0.1:7070 */
  githubWeb: string;
  /** `${githubWeb}/api/v3` */
  githubApi: string;
  /** GitLab web origin (the same origin unless a separate GitLab port is used). */
  gitlabWeb: string;
  /** `${gitlabWeb}/api/v4` */
  gitlabApi: string;
}

/** What every route handler works with. */
export interface SimContext {
  store: ScmStore;
  urls: SimulatorUrls;
  /** Login / username that authors everything created through the APIs. */
  user: string;
  /** Built tarballs, when the simulator caches them. */
  archives?: ArchiveCache;
}

/** Encodes each path segment, keeping the slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A stable positive number for a name (user, label and group ids). */
export function stableId(name: string): number {
  return parseInt(
    createHash('sha1').update(name).digest('hex').slice(0, 7),
    16,
  );
}
