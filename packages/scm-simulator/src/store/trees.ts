import { FileMode, ObjectStore, TreeEntry, TreeEntryMode } from './objects';

/** A file in a flattened tree: path → mode and blob id. */
export interface FlatFile {
  mode: FileMode;
  sha: string;
}

export type FlatTree = Map<string, FlatFile>;

/** An entry found at a path: a blob or a tree (the root is a tree). */
export interface PathEntry {
  type: 'blob' | 'tree';
  mode: TreeEntryMode;
  sha: string;
}

/** An entry of a recursive listing, the shape GitHub's trees API lists. */
export interface ListedEntry extends PathEntry {
  path: string;
  size?: number;
}

export function flattenTree(
  objects: ObjectStore,
  treeSha: string,
  prefix = '',
  into: FlatTree = new Map(),
): FlatTree {
  const entries = objects.getTree(treeSha) ?? [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.type === 'tree') {
      flattenTree(objects, entry.sha, path, into);
    } else {
      into.set(path, { mode: entry.mode as FileMode, sha: entry.sha });
    }
  }
  return into;
}

/** Writes a flattened tree back as nested tree objects; returns the root id. */
export function buildTree(objects: ObjectStore, files: FlatTree): string {
  const files_: Array<[string, FlatFile]> = [];
  const dirs = new Map<string, FlatTree>();
  for (const [path, file] of files) {
    const slash = path.indexOf('/');
    if (slash === -1) {
      files_.push([path, file]);
    } else {
      const dir = path.slice(0, slash);
      let sub = dirs.get(dir);
      if (!sub) {
        sub = new Map();
        dirs.set(dir, sub);
      }
      sub.set(path.slice(slash + 1), file);
    }
  }
  const entries: TreeEntry[] = files_.map(([name, file]) => ({
    name,
    mode: file.mode,
    type: 'blob',
    sha: file.sha,
  }));
  for (const [name, sub] of dirs) {
    entries.push({
      name,
      mode: '040000',
      type: 'tree',
      sha: buildTree(objects, sub),
    });
  }
  return objects.putTree(entries);
}

/** The entry at a normalised path ('' is the root tree). */
export function lookupPath(
  objects: ObjectStore,
  treeSha: string,
  path: string,
): PathEntry | undefined {
  if (path === '') return { type: 'tree', mode: '040000', sha: treeSha };
  let current: PathEntry = { type: 'tree', mode: '040000', sha: treeSha };
  for (const segment of path.split('/')) {
    if (current.type !== 'tree') return undefined;
    const entries = objects.getTree(current.sha);
    const found = entries?.find(entry => entry.name === segment);
    if (!found) return undefined;
    current = { type: found.type, mode: found.mode, sha: found.sha };
  }
  return current;
}

/** Every entry below a tree, trees before their contents, in git order. */
export function listTree(
  objects: ObjectStore,
  treeSha: string,
  recursive: boolean,
  prefix = '',
  into: ListedEntry[] = [],
): ListedEntry[] {
  for (const entry of objects.getTree(treeSha) ?? []) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    const listed: ListedEntry = {
      path,
      type: entry.type,
      mode: entry.mode,
      sha: entry.sha,
    };
    if (entry.type === 'blob') {
      listed.size = objects.getBlob(entry.sha)?.length ?? 0;
    }
    into.push(listed);
    if (recursive && entry.type === 'tree') {
      listTree(objects, entry.sha, true, path, into);
    }
  }
  return into;
}

/**
 * Sets (or with undefined, removes) a file in a flattened tree. Setting a
 * file replaces a file standing where one of its parent folders goes and a
 * folder standing where the file goes, as git does.
 */
export function setFlatFile(
  tree: FlatTree,
  path: string,
  file: FlatFile | undefined,
): void {
  if (file) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      tree.delete(segments.slice(0, i).join('/'));
    }
  }
  const folderPrefix = `${path}/`;
  for (const key of [...tree.keys()]) {
    if (key.startsWith(folderPrefix)) tree.delete(key);
  }
  if (file) {
    tree.set(path, file);
  } else {
    tree.delete(path);
  }
}
