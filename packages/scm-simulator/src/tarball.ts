import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { Header, HeaderData, Pax } from 'tar';
import { ObjectStore } from './store/objects';
import { listTree, lookupPath } from './store/trees';

const gzip = promisify(gzipCallback);
const BLOCK = 512;

export interface ArchiveEntry {
  path: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  content?: Buffer;
  linkTarget?: string;
}

function headerBlocks(data: HeaderData): Buffer[] {
  const block = Buffer.alloc(BLOCK);
  const needPax = new Header(data).encode(block, 0);
  if (!needPax) return [block];
  const pax = new Pax({
    path: data.path,
    linkpath: data.linkpath,
    mtime: data.mtime,
  }).encode();
  return [pax, block];
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return rest === 0 ? Buffer.alloc(0) : Buffer.alloc(BLOCK - rest);
}

/**
 * A tar stream (gzipped unless `gzip: false`) in the layout `git archive`
 * writes: a global pax header carrying the commit id, then every folder
 * and file. Owner root:root, mtime the commit time.
 */
export async function createTarball(
  entries: ArchiveEntry[],
  options: { mtime: Date; comment?: string; gzip?: boolean },
): Promise<Buffer> {
  const parts: Buffer[] = [];
  if (options.comment) {
    parts.push(new Pax({ comment: options.comment }, true).encode());
  }
  for (const entry of entries) {
    const common = {
      uid: 0,
      gid: 0,
      uname: 'root',
      gname: 'root',
      mtime: options.mtime,
      mode: entry.mode,
    };
    if (entry.type === 'directory') {
      const path = entry.path.endsWith('/') ? entry.path : `${entry.path}/`;
      parts.push(
        ...headerBlocks({ ...common, path, type: 'Directory', size: 0 }),
      );
    } else if (entry.type === 'symlink') {
      parts.push(
        ...headerBlocks({
          ...common,
          path: entry.path,
          type: 'SymbolicLink',
          linkpath: entry.linkTarget ?? '',
          size: 0,
        }),
      );
    } else {
      const content = entry.content ?? Buffer.alloc(0);
      parts.push(
        ...headerBlocks({
          ...common,
          path: entry.path,
          type: 'File',
          size: content.length,
        }),
      );
      parts.push(content, padding(content.length));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  const tar = Buffer.concat(parts);
  return options.gzip === false ? tar : gzip(tar);
}

/**
 * The entries of a commit's tree under one top-level folder, optionally only
 * what lies under `subPath` (kept at its full path, as GitLab's archive
 * `path` parameter does). Undefined when `subPath` does not exist.
 */
export function commitArchiveEntries(
  objects: ObjectStore,
  treeSha: string,
  prefix: string,
  subPath = '',
): ArchiveEntry[] | undefined {
  const start = lookupPath(objects, treeSha, subPath);
  if (!start) return undefined;
  const entries: ArchiveEntry[] = [
    { path: `${prefix}/`, type: 'directory', mode: 0o775 },
  ];
  if (start.type === 'blob') {
    // A single file: its folders, then the file itself.
    const segments = subPath.split('/');
    for (let i = 1; i < segments.length; i++) {
      entries.push({
        path: `${prefix}/${segments.slice(0, i).join('/')}/`,
        type: 'directory',
        mode: 0o775,
      });
    }
    entries.push(
      blobEntry(objects, `${prefix}/${subPath}`, start.mode, start.sha),
    );
    return entries;
  }
  if (subPath) {
    const segments = subPath.split('/');
    for (let i = 1; i <= segments.length; i++) {
      entries.push({
        path: `${prefix}/${segments.slice(0, i).join('/')}/`,
        type: 'directory',
        mode: 0o775,
      });
    }
  }
  const base = subPath ? `${prefix}/${subPath}` : prefix;
  for (const item of listTree(objects, start.sha, true)) {
    const path = `${base}/${item.path}`;
    if (item.type === 'tree') {
      entries.push({ path: `${path}/`, type: 'directory', mode: 0o775 });
    } else {
      entries.push(blobEntry(objects, path, item.mode, item.sha));
    }
  }
  return entries;
}

function blobEntry(
  objects: ObjectStore,
  path: string,
  mode: string,
  sha: string,
): ArchiveEntry {
  const content = objects.getBlob(sha) ?? Buffer.alloc(0);
  if (mode === '120000') {
    return {
      path,
      type: 'symlink',
      mode: 0o777,
      linkTarget: content.toString('utf8'),
    };
  }
  return {
    path,
    type: 'file',
    mode: mode === '100755' ? 0o775 : 0o664,
    content,
  };
}
