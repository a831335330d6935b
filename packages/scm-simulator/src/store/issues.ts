import { CommitObject } from './objects';
import { diffTrees, mergeBase } from './history';
import { CommentRecord, IssueRecord, RepositoryRecord } from './records';
import { FileChange, ScmStore } from './store';

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  author: string;
}

export interface NewPull extends NewIssue {
  head: string;
  base: string;
  draft?: boolean;
}

export function createIssue(
  store: ScmStore,
  repo: RepositoryRecord,
  input: NewIssue,
): IssueRecord {
  const now = store.now();
  const issue: IssueRecord = {
    id: store.nextId(),
    number: repo.nextNumber,
    title: input.title,
    body: input.body ?? null,
    labels: uniqueLabels(input.labels ?? []),
    state: 'open',
    stateReason: null,
    author: input.author,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    comments: [],
  };
  repo.nextNumber += 1;
  repo.issues.set(issue.number, issue);
  return issue;
}

/** Opens a pull request; the caller has checked both branches exist. */
export function createPull(
  store: ScmStore,
  repo: RepositoryRecord,
  input: NewPull,
): IssueRecord {
  const issue = createIssue(store, repo, input);
  issue.pull = {
    head: input.head,
    base: input.base,
    headSha: store.branchSha(repo, input.head) ?? '',
    baseSha: store.branchSha(repo, input.base) ?? '',
    merged: false,
    mergedAt: null,
    mergeCommitSha: null,
    draft: input.draft ?? false,
  };
  return issue;
}

export function uniqueLabels(labels: string[]): string[] {
  return [...new Set(labels.map(l => l.trim()).filter(l => l !== ''))];
}

export function addComment(
  store: ScmStore,
  issue: IssueRecord,
  body: string,
  author: string,
): CommentRecord {
  const now = store.now();
  const comment: CommentRecord = {
    id: store.nextId(),
    body,
    author,
    createdAt: now,
    updatedAt: now,
  };
  issue.comments.push(comment);
  issue.updatedAt = now;
  return comment;
}

/** Opens or closes; a closing pull request keeps its final shas. */
export function setIssueState(
  store: ScmStore,
  repo: RepositoryRecord,
  issue: IssueRecord,
  state: 'open' | 'closed',
  reason?: string | null,
): void {
  const now = store.now();
  if (state === issue.state) {
    if (reason !== undefined) issue.stateReason = reason;
    return;
  }
  if (issue.pull && issue.pull.merged) return;
  if (state === 'closed') {
    if (issue.pull) {
      const { headSha, baseSha } = livePullShas(store, repo, issue);
      issue.pull.headSha = headSha;
      issue.pull.baseSha = baseSha;
    }
    issue.state = 'closed';
    issue.closedAt = now;
    issue.stateReason = reason ?? 'completed';
  } else {
    issue.state = 'open';
    issue.closedAt = null;
    issue.stateReason = reason ?? 'reopened';
  }
  issue.updatedAt = now;
}

/** Head and base shas: the branches' current ones while open. */
export function livePullShas(
  store: ScmStore,
  repo: RepositoryRecord,
  issue: IssueRecord,
): { headSha: string; baseSha: string } {
  const pull = issue.pull!;
  if (issue.state === 'open') {
    return {
      headSha: store.branchSha(repo, pull.head) ?? pull.headSha,
      baseSha: store.branchSha(repo, pull.base) ?? pull.baseSha,
    };
  }
  return { headSha: pull.headSha, baseSha: pull.baseSha };
}

export function findOpenPullForHead(
  repo: RepositoryRecord,
  head: string,
  base?: string,
): IssueRecord | undefined {
  for (const issue of repo.issues.values()) {
    if (
      issue.pull &&
      issue.state === 'open' &&
      issue.pull.head === head &&
      (base === undefined || issue.pull.base === base)
    ) {
      return issue;
    }
  }
  return undefined;
}

/**
 * Merges an open pull request with a merge commit: the files the head
 * branch changed since the merge base are applied onto the base branch (the
 * head wins where both changed a file), the base branch moves to the merge
 * commit and the pull request becomes closed and merged.
 */
export function mergePull(
  store: ScmStore,
  repo: RepositoryRecord,
  issue: IssueRecord,
  options: { message?: string; mergedBy?: string } = {},
): CommitObject {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  if (issue.state !== 'open' || pull.merged) {
    throw new Error(`Pull request #${issue.number} is not open`);
  }
  const headSha = store.branchSha(repo, pull.head) ?? pull.headSha;
  const baseSha = store.branchSha(repo, pull.base);
  if (!baseSha) throw new Error(`Base branch '${pull.base}' does not exist`);
  const head = store.commit(headSha)!;
  const base = store.commit(baseSha)!;
  const baseOfMerge = mergeBase(store.objects, headSha, baseSha);
  const fromTree = baseOfMerge ? store.commit(baseOfMerge)!.tree : undefined;
  const changes = new Map<string, FileChange>();
  for (const [path, file] of diffTrees(store.objects, fromTree, head.tree)) {
    changes.set(path, file ? { sha: file.sha, mode: file.mode } : null);
  }
  const message =
    options.message ??
    `Merge pull request #${issue.number} from ${repo.owner}/${pull.head}\n\n${issue.title}`;
  const commit = store.createCommit(repo, {
    parents: [base.sha, head.sha],
    baseTree: base.tree,
    changes,
    message,
  });
  store.setRef(repo, `refs/heads/${pull.base}`, commit.sha);
  const now = store.now();
  pull.headSha = headSha;
  pull.baseSha = baseSha;
  pull.merged = true;
  pull.mergedAt = now;
  pull.mergeCommitSha = commit.sha;
  issue.state = 'closed';
  issue.closedAt = now;
  issue.stateReason = 'completed';
  issue.updatedAt = now;
  return commit;
}
