/**
 * The one interface every tracker sits behind (GitHub, GitLab, Jira). A
 * provider talks to one remote API through its kept client library; it knows
 * nothing of the database, deduplication or templates (TicketService does).
 */

/** Where a ticket or pull request goes. */
export type TrackerTarget =
  | {
      provider: 'github';
      /** The integration host, e.g. github.com or ghe.example.com:8443. */
      host: string;
      owner: string;
      repo: string;
    }
  | {
      provider: 'gitlab';
      host: string;
      /** Full project path, groups included: group/sub/project. */
      project: string;
    }
  | {
      provider: 'jira';
      projectKey: string;
    };

export type TrackerKind = TrackerTarget['provider'];

/** Remote state as read back by the sync task. */
export type RemoteState = 'open' | 'closed' | 'merged';

/** A created or found remote item. */
export interface RemoteItem {
  /** Issue/PR number (`123`), MR iid, or Jira key (`PLAT-7`). */
  externalId: string;
  /** Browser URL of the item. */
  url: string;
  state: RemoteState;
}

export interface IssueContent {
  title: string;
  /** Markdown (GitHub/GitLab) or plain text with Markdown (Jira). */
  body: string;
  labels: string[];
}

/** One file of a fix pull request, with the content it had when scanned. */
export interface PullRequestFile {
  /** Path inside the repository, no leading slash. */
  path: string;
  /** Full new content of the file (UTF-8). */
  content: string;
  /**
   * The file's content when it was scanned: the provider refuses (409) when
   * the file on the base branch differs, so a stale patch is never pushed.
   */
  expectedContent: string;
}

export interface PullRequestRequest extends IssueContent {
  /** Branch to create for the change; never the default branch. */
  branch: string;
  /** Base branch; the repository's default branch when omitted. */
  baseBranch?: string;
  commitMessage: string;
  files: PullRequestFile[];
}

export interface TicketProvider {
  readonly kind: TrackerKind;
  createIssue(
    target: TrackerTarget,
    content: IssueContent,
  ): Promise<RemoteItem>;
  updateIssue(
    target: TrackerTarget,
    externalId: string,
    content: IssueContent,
  ): Promise<RemoteItem>;
  /** Adds a comment, then closes the issue. */
  closeIssue(
    target: TrackerTarget,
    externalId: string,
    comment: string,
  ): Promise<RemoteItem>;
  getIssue(target: TrackerTarget, externalId: string): Promise<RemoteItem>;
  /**
   * An open issue whose body contains `marker` (the fingerprint line), for
   * recovering from a crash between the remote create and the local save.
   */
  findIssueByMarker(
    target: TrackerTarget,
    marker: string,
    /** Labels the issue was filed with, to narrow the search. */
    labels?: string[],
  ): Promise<RemoteItem | null>;

  /**
   * Creates `branch` from the base branch head, commits every file in one
   * commit through the API (no clone), and opens the pull/merge request.
   * When `branch` already has an open PR/MR, returns that one unchanged.
   * Absent for trackers that cannot hold code (Jira).
   */
  openPullRequest?(
    target: TrackerTarget,
    request: PullRequestRequest,
  ): Promise<RemoteItem>;
  updatePullRequest?(
    target: TrackerTarget,
    externalId: string,
    content: IssueContent,
  ): Promise<RemoteItem>;
  getPullRequest?(
    target: TrackerTarget,
    externalId: string,
  ): Promise<RemoteItem>;
  /** Comments on and closes an open PR/MR (used when its finding is gone). */
  closePullRequest?(
    target: TrackerTarget,
    externalId: string,
    comment: string,
  ): Promise<RemoteItem>;
}
