/** Records kept by the store. They are internal; tests read copies. */

export interface CommentRecord {
  id: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface PullRecord {
  head: string;
  base: string;
  /** Head sha when the pull request was closed or merged (live before). */
  headSha: string;
  baseSha: string;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  draft: boolean;
}

export type IssueState = 'open' | 'closed';

/**
 * An issue; with `pull` set it is a pull request (GitHub) / merge request
 * (GitLab). Issues and pull requests share one number sequence per
 * repository, as on GitHub.
 */
export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state: IssueState;
  stateReason: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  comments: CommentRecord[];
  pull?: PullRecord;
}

export interface RepositoryRecord {
  id: number;
  /** As added, e.g. `acme/build-notifier` or `group/sub/project`. */
  fullName: string;
  /** Everything before the last segment. */
  owner: string;
  /** The last segment. */
  name: string;
  defaultBranch: string;
  private: boolean;
  description: string | null;
  createdAt: string;
  pushedAt: string;
  /** Full ref names (`refs/heads/main`, `refs/tags/v1`) → commit sha. */
  refs: Map<string, string>;
  issues: Map<number, IssueRecord>;
  nextNumber: number;
}
