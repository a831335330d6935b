import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface WalkedFile {
  /** Posix path relative to the walked root. */
  path: string;
  absolutePath: string;
  size: number;
  modifiedAt: Date;
}

/** Guards against walking a whole disk by mistake. */
const MAX_ENTRIES = 200_000;

/**
 * Lists every regular file under `root` (symlinks are not followed, so a
 * link cannot leave the root) with an ETag derived from paths, sizes and
 * modification times: any change to any file changes it.
 */
export async function walkDirectory(
  root: string,
): Promise<{ entries: WalkedFile[]; etag: string }> {
  const entries: WalkedFile[] = [];
  const pending = [root];
  while (pending.length) {
    const dir = pending.pop()!;
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      const absolutePath = join(dir, dirent.name);
      if (dirent.isDirectory()) {
        pending.push(absolutePath);
      } else if (dirent.isFile()) {
        const info = await lstat(absolutePath);
        entries.push({
          path: relative(root, absolutePath).split(sep).join('/'),
          absolutePath,
          size: info.size,
          modifiedAt: info.mtime,
        });
        if (entries.length > MAX_ENTRIES) {
          throw new Error(`${root} holds more than ${MAX_ENTRIES} files`);
        }
      }
    }
  }
  // Code-unit order, not locale order: the ETag must not depend on the host.
  entries.sort((a, b) => Number(a.path > b.path) - Number(a.path < b.path));
  const hash = createHash('sha256');
  for (const entry of entries) {
    hash.update(
      `${entry.path}\0${entry.size}\0${entry.modifiedAt.getTime()}\n`,
    );
  }
  return { entries, etag: hash.digest('hex').slice(0, 32) };
}
