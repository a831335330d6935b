import { CommitObject, FileMode, GitPerson, ObjectStore } from './objects';
import {
  isValidRefName,
  isValidRepositoryName,
  normalizeFilePath,
} from './paths';
import { RepositoryRecord } from './records';
import {
  FlatFile,
  PathEntry,
  buildTree,
  flattenTree,
  lookupPath,
  setFlatFile,
} from './trees';

/** File content as given by callers: text (UTF-8) or bytes. */
export type FileInput = string | Buffer;

/** A file with an explicit mode (e.g. `100755` for executables). */
export interface FileWithMode {
  content: FileInput;
  mode?: FileMode;
}

/** One change of a commit: new content, an existing blob, or a removal (null). */
export type FileChange =
  | { content: Buffer; mode?: FileMode }
  | { sha: string; mode?: FileMode }
  | null;

export interface NewRepository {
  name: string;
  defaultBranch?: string;
  files?: Record<string, FileInput | FileWithMode>;
  private?: boolean;
  description?: string;
}

export interface StoredFile {
  content: Buffer;
  sha: string;
  mode: FileMode;
  commitSha: string;
}

const SHA_PATTERN = /^[0-9a-f]{40}$/;
const SHORT_SHA_PATTERN = /^[0-9a-f]{7,39}$/;

function toBuffer(input: FileInput): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
}

function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export interface StoreOptions {
  now?: () => Date;
  author?: { name: string; email: string };
}

/** The in-memory git-like store behind both APIs. */
export class ScmStore {
  readonly objects = new ObjectStore();
  readonly #repos = new Map<string, RepositoryRecord>();
  readonly #byId = new Map<number, RepositoryRecord>();
  /** Former names (lower case) of renamed repositories. */
  readonly #renamed = new Map<string, RepositoryRecord>();
  readonly #now: () => Date;
  readonly #author: { name: string; email: string };
  #nextRepoId = 1;
  #nextObjectId = 1;

  constructor(options: StoreOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#author = options.author ?? {
      name: 'SCM Simulator',
      email: 'scm-simulator@example.invalid',
    };
  }

  /** The current time as the APIs print it (ISO 8601, whole seconds). */
  now(): string {
    return isoSeconds(this.#now());
  }

  /** A fresh id for issues, comments and notes (unique in this store). */
  nextId(): number {
    const id = this.#nextObjectId;
    this.#nextObjectId += 1;
    return id;
  }

  person(override?: Partial<GitPerson>): GitPerson {
    return {
      name: override?.name ?? this.#author.name,
      email: override?.email ?? this.#author.email,
      date:
        override?.date && !Number.isNaN(Date.parse(override.date))
          ? isoSeconds(new Date(override.date))
          : this.now(),
    };
  }

  addRepository(seed: NewRepository): RepositoryRecord {
    const fullName = seed.name.replace(/^\/+|\/+$/g, '');
    if (!isValidRepositoryName(fullName)) {
      throw new Error(
        `Invalid repository name '${seed.name}': expected owner/name or group/…/project`,
      );
    }
    if (this.#repos.has(fullName.toLowerCase())) {
      throw new Error(`Repository '${fullName}' already exists`);
    }
    const defaultBranch = seed.defaultBranch ?? 'main';
    if (!isValidRefName(defaultBranch)) {
      throw new Error(`Invalid default branch name '${defaultBranch}'`);
    }
    const slash = fullName.lastIndexOf('/');
    const now = this.now();
    const repo: RepositoryRecord = {
      id: this.#nextRepoId,
      fullName,
      owner: fullName.slice(0, slash),
      name: fullName.slice(slash + 1),
      defaultBranch,
      private: seed.private ?? false,
      description: seed.description ?? null,
      createdAt: now,
      pushedAt: now,
      refs: new Map(),
      issues: new Map(),
      nextNumber: 1,
    };
    const changes = toChanges(seed.files ?? {});
    const commit = this.createCommit(repo, {
      parents: [],
      baseTree: undefined,
      changes,
      message: 'Initial commit',
    });
    this.#nextRepoId += 1;
    repo.refs.set(`refs/heads/${defaultBranch}`, commit.sha);
    this.#repos.set(fullName.toLowerCase(), repo);
    this.#renamed.delete(fullName.toLowerCase());
    this.#byId.set(repo.id, repo);
    return repo;
  }

  /** By full name (case-insensitive) or numeric id. */
  repository(nameOrId: string | number): RepositoryRecord | undefined {
    if (typeof nameOrId === 'number') return this.#byId.get(nameOrId);
    if (/^\d+$/.test(nameOrId)) return this.#byId.get(Number(nameOrId));
    const key = nameOrId.replace(/^\/+|\/+$/g, '').toLowerCase();
    return this.#repos.get(key) ?? this.#renamed.get(key);
  }

  /**
   * Gives a repository a new name with as many segments; the old one stays
   * an alias (GitHub and GitLab redirect it) until a repository takes it.
   */
  renameRepository(
    nameOrId: string | number,
    newName: string,
  ): RepositoryRecord {
    const repo = this.requireRepository(nameOrId);
    const fullName = newName.replace(/^\/+|\/+$/g, '');
    if (
      !isValidRepositoryName(fullName) ||
      fullName.split('/').length !== repo.fullName.split('/').length
    ) {
      throw new Error(
        `Invalid new name '${newName}' for ${repo.fullName}: expected as many segments`,
      );
    }
    const key = fullName.toLowerCase();
    const current = this.#repos.get(key);
    if (current && current !== repo) {
      throw new Error(`Repository '${fullName}' already exists`);
    }
    const oldKey = repo.fullName.toLowerCase();
    this.#repos.delete(oldKey);
    if (oldKey !== key) this.#renamed.set(oldKey, repo);
    this.#renamed.delete(key);
    const slash = fullName.lastIndexOf('/');
    repo.fullName = fullName;
    repo.owner = fullName.slice(0, slash);
    repo.name = fullName.slice(slash + 1);
    this.#repos.set(key, repo);
    return repo;
  }

  requireRepository(nameOrId: string | number): RepositoryRecord {
    const repo = this.repository(nameOrId);
    if (!repo) throw new Error(`Unknown repository '${nameOrId}'`);
    return repo;
  }

  repositories(): RepositoryRecord[] {
    return [...this.#byId.values()];
  }

  branchSha(repo: RepositoryRecord, branch: string): string | undefined {
    return repo.refs.get(`refs/heads/${branch}`);
  }

  branches(repo: RepositoryRecord): Array<{ name: string; sha: string }> {
    const result: Array<{ name: string; sha: string }> = [];
    for (const [ref, sha] of repo.refs) {
      if (ref.startsWith('refs/heads/')) {
        result.push({ name: ref.slice('refs/heads/'.length), sha });
      }
    }
    return result.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  setRef(repo: RepositoryRecord, fullRef: string, sha: string): void {
    repo.refs.set(fullRef, sha);
    if (fullRef.startsWith('refs/heads/')) repo.pushedAt = this.now();
  }

  /**
   * A branch or tag name, a full ref, a full commit sha or an abbreviated
   * one (7+ hex digits, unambiguous) → commit sha.
   */
  resolveRef(repo: RepositoryRecord, ref: string): string | undefined {
    const direct =
      repo.refs.get(ref) ??
      repo.refs.get(`refs/heads/${ref}`) ??
      repo.refs.get(`refs/tags/${ref}`);
    if (direct) return direct;
    const lower = ref.toLowerCase();
    if (SHA_PATTERN.test(lower)) {
      return this.objects.getCommit(lower) ? lower : undefined;
    }
    if (SHORT_SHA_PATTERN.test(lower)) {
      const found = this.objects.findCommitsByPrefix(lower);
      return found.length === 1 ? found[0] : undefined;
    }
    return undefined;
  }

  commit(sha: string): CommitObject | undefined {
    return this.objects.getCommit(sha);
  }

  /** What is at a path of a ref: a blob or a tree, and the resolved commit. */
  readPath(
    repo: RepositoryRecord,
    ref: string,
    path: string,
  ): { entry: PathEntry; commit: CommitObject } | undefined {
    const sha = this.resolveRef(repo, ref);
    const commit = sha ? this.objects.getCommit(sha) : undefined;
    if (!commit) return undefined;
    const entry = lookupPath(this.objects, commit.tree, path);
    return entry ? { entry, commit } : undefined;
  }

  readFile(
    repo: RepositoryRecord,
    ref: string,
    path: string,
  ): StoredFile | undefined {
    const found = this.readPath(repo, ref, path);
    if (!found || found.entry.type !== 'blob') return undefined;
    return {
      content: this.objects.getBlob(found.entry.sha) ?? Buffer.alloc(0),
      sha: found.entry.sha,
      mode: found.entry.mode as FileMode,
      commitSha: found.commit.sha,
    };
  }

  /** Every file of a commit: path → mode and blob id. */
  files(commitSha: string): Map<string, FlatFile> {
    const commit = this.objects.getCommit(commitSha);
    return commit ? flattenTree(this.objects, commit.tree) : new Map();
  }

  /**
   * Writes a tree from `baseTree` plus `changes` and a commit on top of
   * `parents`. Moves no ref. Paths are checked; a bad one throws.
   */
  createCommit(
    _repo: RepositoryRecord,
    options: {
      parents: string[];
      baseTree: string | undefined;
      changes: Map<string, FileChange>;
      message: string;
      author?: Partial<GitPerson>;
    },
  ): CommitObject {
    const files = options.baseTree
      ? flattenTree(this.objects, options.baseTree)
      : new Map<string, FlatFile>();
    for (const [rawPath, change] of options.changes) {
      const path = normalizeFilePath(rawPath);
      if (!path) throw new Error(`Invalid file path '${rawPath}'`);
      if (change === null) {
        setFlatFile(files, path, undefined);
        continue;
      }
      const sha =
        'content' in change ? this.objects.putBlob(change.content) : change.sha;
      if (!this.objects.getBlob(sha)) {
        throw new Error(`Unknown blob ${sha} for '${path}'`);
      }
      const mode = change.mode ?? files.get(path)?.mode ?? '100644';
      setFlatFile(files, path, { mode, sha });
    }
    const tree = buildTree(this.objects, files);
    const author = this.person(options.author);
    return this.objects.putCommit({
      tree,
      parents: options.parents,
      message: options.message,
      author,
      committer: author,
    });
  }

  /**
   * Commits `changes` on top of a branch and moves the branch. A branch that
   * does not exist yet starts from `startSha` (default: the default branch).
   */
  commitToBranch(
    repo: RepositoryRecord,
    branch: string,
    changes: Map<string, FileChange>,
    message: string,
    options: { startSha?: string; author?: Partial<GitPerson> } = {},
  ): CommitObject {
    if (!isValidRefName(branch)) {
      throw new Error(`Invalid branch name '${branch}'`);
    }
    const parentSha =
      this.branchSha(repo, branch) ??
      options.startSha ??
      this.branchSha(repo, repo.defaultBranch);
    const parent = parentSha ? this.objects.getCommit(parentSha) : undefined;
    const commit = this.createCommit(repo, {
      parents: parent ? [parent.sha] : [],
      baseTree: parent?.tree,
      changes,
      message,
      author: options.author,
    });
    this.setRef(repo, `refs/heads/${branch}`, commit.sha);
    return commit;
  }
}

/** Record<path, content | null> (null removes) → a change map. */
export function toChanges(
  files: Record<string, FileInput | FileWithMode | null>,
): Map<string, FileChange> {
  const changes = new Map<string, FileChange>();
  for (const [path, value] of Object.entries(files)) {
    if (value === null) {
      changes.set(path, null);
    } else if (typeof value === 'string' || Buffer.isBuffer(value)) {
      changes.set(path, { content: toBuffer(value) });
    } else {
      changes.set(path, { content: toBuffer(value.content), mode: value.mode });
    }
  }
  return changes;
}
