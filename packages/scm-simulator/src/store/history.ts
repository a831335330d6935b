import { CommitObject, ObjectStore } from './objects';
import { FlatFile, flattenTree, lookupPath } from './trees';

/** Every commit reachable from `sha`, including itself. */
export function ancestors(objects: ObjectStore, sha: string): Set<string> {
  const seen = new Set<string>();
  const queue = [sha];
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    const commit = objects.getCommit(current);
    if (!commit) continue;
    seen.add(current);
    queue.push(...commit.parents);
  }
  return seen;
}

/** The blob or tree id at `path` in a commit ('' is the root tree). */
export function entryAt(
  objects: ObjectStore,
  commit: CommitObject,
  path: string,
): string | undefined {
  return lookupPath(objects, commit.tree, path)?.sha;
}

function touchesPath(
  objects: ObjectStore,
  commit: CommitObject,
  path: string,
): boolean {
  const own = entryAt(objects, commit, path);
  if (commit.parents.length === 0) return own !== undefined;
  return commit.parents.every(parentSha => {
    const parent = objects.getCommit(parentSha);
    return !parent || entryAt(objects, parent, path) !== own;
  });
}

/**
 * Commits reachable from `startSha`, newest first. With `path`, only the
 * commits that changed what is at that path (a file or a folder), the way
 * `git log -- path` lists them.
 */
export function walkHistory(
  objects: ObjectStore,
  startSha: string,
  options: { path?: string } = {},
): CommitObject[] {
  const commits = [...ancestors(objects, startSha)]
    .map(sha => objects.getCommit(sha)!)
    .sort((a, b) => b.seq - a.seq);
  const path = options.path;
  if (!path) return commits;
  return commits.filter(commit => touchesPath(objects, commit, path));
}

/** The newest common ancestor of two commits. */
export function mergeBase(
  objects: ObjectStore,
  a: string,
  b: string,
): string | undefined {
  const fromA = ancestors(objects, a);
  let best: CommitObject | undefined;
  for (const sha of ancestors(objects, b)) {
    if (!fromA.has(sha)) continue;
    const commit = objects.getCommit(sha)!;
    if (!best || commit.seq > best.seq) best = commit;
  }
  return best?.sha;
}

/** Files that differ between two trees: path → new file, or undefined if removed. */
export function diffTrees(
  objects: ObjectStore,
  fromTree: string | undefined,
  toTree: string,
): Map<string, FlatFile | undefined> {
  const before = fromTree ? flattenTree(objects, fromTree) : new Map();
  const after = flattenTree(objects, toTree);
  const changes = new Map<string, FlatFile | undefined>();
  for (const [path, file] of after) {
    const old = before.get(path);
    if (!old || old.sha !== file.sha || old.mode !== file.mode) {
      changes.set(path, file);
    }
  }
  for (const path of before.keys()) {
    if (!after.has(path)) changes.set(path, undefined);
  }
  return changes;
}
