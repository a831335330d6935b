import { walkHistory } from './store/history';
import { normalizeFilePath } from './store/paths';
import { IssueRecord, RepositoryRecord } from './store/records';
import { ScmStore } from './store/store';
import { RequestLog, RequestLogEntry } from './requestLog';

export interface RepositorySummary {
  id: number;
  name: string;
  defaultBranch: string;
  private: boolean;
  /** Head commit of the default branch: the repository's ETag. */
  headSha: string;
  branches: Record<string, string>;
}

export interface CommentSummary {
  id: number;
  author: string;
  body: string;
}

export interface IssueSummary {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: string | null;
  comments: CommentSummary[];
}

export interface PullSummary extends IssueSummary {
  head: string;
  base: string;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  draft: boolean;
}

export interface CommitSummary {
  sha: string;
  message: string;
  parents: string[];
  tree: string;
  date: string;
}

function issueSummary(issue: IssueRecord): IssueSummary {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    labels: [...issue.labels],
    state: issue.state,
    stateReason: issue.stateReason,
    comments: issue.comments.map(c => ({
      id: c.id,
      author: c.author,
      body: c.body,
    })),
  };
}

/** Read access for tests: copies, never the live records. */
export class SimulatorState {
  constructor(
    private readonly store: ScmStore,
    private readonly log: RequestLog,
  ) {}

  #repo(name: string): RepositoryRecord {
    return this.store.requireRepository(name);
  }

  repositories(): RepositorySummary[] {
    return this.store.repositories().map(repo => this.#summary(repo));
  }

  repository(name: string | number): RepositorySummary | undefined {
    const repo = this.store.repository(name);
    return repo ? this.#summary(repo) : undefined;
  }

  #summary(repo: RepositoryRecord): RepositorySummary {
    return {
      id: repo.id,
      name: repo.fullName,
      defaultBranch: repo.defaultBranch,
      private: repo.private,
      headSha: this.store.branchSha(repo, repo.defaultBranch) ?? '',
      branches: this.branches(repo.fullName),
    };
  }

  branches(repoName: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const { name, sha } of this.store.branches(this.#repo(repoName))) {
      result[name] = sha;
    }
    return result;
  }

  /** Commit sha of a ref (default: the default branch). */
  headSha(repoName: string, ref?: string): string | undefined {
    const repo = this.#repo(repoName);
    return this.store.resolveRef(repo, ref ?? repo.defaultBranch);
  }

  readFileBuffer(
    repoName: string,
    path: string,
    ref?: string,
  ): Buffer | undefined {
    const repo = this.#repo(repoName);
    const normalized = normalizeFilePath(path);
    if (!normalized) return undefined;
    const file = this.store.readFile(
      repo,
      ref ?? repo.defaultBranch,
      normalized,
    );
    return file ? Buffer.from(file.content) : undefined;
  }

  readFile(repoName: string, path: string, ref?: string): string | undefined {
    return this.readFileBuffer(repoName, path, ref)?.toString('utf8');
  }

  listFiles(repoName: string, ref?: string): string[] {
    const sha = this.headSha(repoName, ref);
    return sha ? [...this.store.files(sha).keys()].sort() : [];
  }

  /** History of a ref, newest first. */
  commits(repoName: string, ref?: string): CommitSummary[] {
    const sha = this.headSha(repoName, ref);
    if (!sha) return [];
    return walkHistory(this.store.objects, sha).map(c => ({
      sha: c.sha,
      message: c.message,
      parents: [...c.parents],
      tree: c.tree,
      date: c.committer.date,
    }));
  }

  /** Issues (not pull requests), by number. */
  issues(repoName: string): IssueSummary[] {
    return [...this.#repo(repoName).issues.values()]
      .filter(issue => !issue.pull)
      .map(issueSummary);
  }

  /** Pull requests (GitLab: merge requests), by number. */
  pulls(repoName: string): PullSummary[] {
    return [...this.#repo(repoName).issues.values()]
      .filter(issue => issue.pull)
      .map(issue => ({
        ...issueSummary(issue),
        head: issue.pull!.head,
        base: issue.pull!.base,
        merged: issue.pull!.merged,
        mergedAt: issue.pull!.mergedAt,
        mergeCommitSha: issue.pull!.mergeCommitSha,
        draft: issue.pull!.draft,
      }));
  }

  /** Requests served so far, oldest first. */
  get requests(): RequestLogEntry[] {
    return this.log.entries();
  }

  clearRequests(): void {
    this.log.clear();
  }
}
