import { createHash } from 'node:crypto';

/** Git file modes the simulator stores for blobs. */
export type FileMode = '100644' | '100755' | '120000';
/** Git tree entry modes (files, sub-trees). */
export type TreeEntryMode = FileMode | '040000';

export interface TreeEntry {
  name: string;
  mode: TreeEntryMode;
  type: 'blob' | 'tree';
  sha: string;
}

export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601 without milliseconds, like the GitHub API prints it. */
  date: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
  /** Creation order inside this store; history is listed newest first by it. */
  seq: number;
}

export type ObjectKind = 'blob' | 'tree' | 'commit';

function gitSha(kind: ObjectKind, body: Buffer): string {
  const hash = createHash('sha1');
  hash.update(`${kind} ${body.length}\0`);
  hash.update(body);
  return hash.digest('hex');
}

function gitTreeSortKey(entry: TreeEntry): string {
  return entry.type === 'tree' ? `${entry.name}/` : entry.name;
}

function encodeTree(entries: TreeEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const mode = entry.mode === '040000' ? '40000' : entry.mode;
    parts.push(Buffer.from(`${mode} ${entry.name}\0`, 'utf8'));
    parts.push(Buffer.from(entry.sha, 'hex'));
  }
  return Buffer.concat(parts);
}

function personLine(person: GitPerson): string {
  const seconds = Math.floor(Date.parse(person.date) / 1000);
  return `${person.name} <${person.email}> ${seconds} +0000`;
}

/**
 * Content-addressed object database. Object ids are the SHA-1 of the git
 * object encoding, so they look and behave like real git ids.
 */
export class ObjectStore {
  readonly #blobs = new Map<string, Buffer>();
  readonly #trees = new Map<string, TreeEntry[]>();
  readonly #commits = new Map<string, CommitObject>();
  #seq = 0;

  putBlob(content: Buffer): string {
    const sha = gitSha('blob', content);
    if (!this.#blobs.has(sha)) {
      this.#blobs.set(sha, Buffer.from(content));
    }
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => {
      const ka = gitTreeSortKey(a);
      const kb = gitTreeSortKey(b);
      if (ka === kb) return 0;
      return ka < kb ? -1 : 1;
    });
    const sha = gitSha('tree', encodeTree(sorted));
    if (!this.#trees.has(sha)) {
      this.#trees.set(sha, sorted);
    }
    return sha;
  }

  putCommit(data: Omit<CommitObject, 'sha' | 'seq'>): CommitObject {
    const lines = [`tree ${data.tree}`];
    for (const parent of data.parents) lines.push(`parent ${parent}`);
    lines.push(`author ${personLine(data.author)}`);
    lines.push(`committer ${personLine(data.committer)}`);
    const text = `${lines.join('\n')}\n\n${data.message}`;
    const sha = gitSha('commit', Buffer.from(text, 'utf8'));
    const existing = this.#commits.get(sha);
    if (existing) return existing;
    this.#seq += 1;
    const commit: CommitObject = {
      ...data,
      parents: [...data.parents],
      sha,
      seq: this.#seq,
    };
    this.#commits.set(sha, commit);
    return commit;
  }

  getBlob(sha: string): Buffer | undefined {
    return this.#blobs.get(sha);
  }

  getTree(sha: string): TreeEntry[] | undefined {
    return this.#trees.get(sha);
  }

  getCommit(sha: string): CommitObject | undefined {
    return this.#commits.get(sha);
  }

  kind(sha: string): ObjectKind | undefined {
    if (this.#commits.has(sha)) return 'commit';
    if (this.#trees.has(sha)) return 'tree';
    if (this.#blobs.has(sha)) return 'blob';
    return undefined;
  }

  /** Commit ids starting with the given abbreviation (at least 7 hex digits). */
  findCommitsByPrefix(prefix: string): string[] {
    const result: string[] = [];
    for (const sha of this.#commits.keys()) {
      if (sha.startsWith(prefix)) result.push(sha);
    }
    return result;
  }
}
