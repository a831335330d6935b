import { SimContext, encodePath, stableId } from '../context';
import { livePullShas } from '../store/issues';
import { CommitObject } from '../store/objects';
import { CommentRecord, IssueRecord, RepositoryRecord } from '../store/records';

export function projectApi(sim: SimContext, repo: RepositoryRecord): string {
  return `${sim.urls.gitlabApi}/projects/${repo.id}`;
}

export function projectWeb(sim: SimContext, repo: RepositoryRecord): string {
  return `${sim.urls.gitlabWeb}/${repo.fullName}`;
}

export function userJson(sim: SimContext, username: string) {
  return {
    id: stableId(username),
    username,
    name: username,
    state: 'active',
    locked: false,
    avatar_url: null,
    web_url: `${sim.urls.gitlabWeb}/${username}`,
  };
}

export function projectJson(sim: SimContext, repo: RepositoryRecord) {
  const api = projectApi(sim, repo);
  const web = projectWeb(sim, repo);
  const segments = repo.fullName.split('/');
  let openIssues = 0;
  for (const issue of repo.issues.values()) {
    if (!issue.pull && issue.state === 'open') openIssues += 1;
  }
  return {
    id: repo.id,
    description: repo.description,
    name: repo.name,
    name_with_namespace: segments.join(' / '),
    path: repo.name,
    path_with_namespace: repo.fullName,
    created_at: repo.createdAt,
    default_branch: repo.defaultBranch,
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@${new URL(sim.urls.gitlabWeb).host}:${
      repo.fullName
    }.git`,
    http_url_to_repo: `${web}.git`,
    web_url: web,
    readme_url: null,
    avatar_url: null,
    forks_count: 0,
    star_count: 0,
    last_activity_at: repo.pushedAt,
    namespace: {
      id: stableId(repo.owner),
      name: segments[segments.length - 2],
      path: segments[segments.length - 2],
      kind: 'group',
      full_path: repo.owner,
      parent_id: null,
      avatar_url: null,
      web_url: `${sim.urls.gitlabWeb}/groups/${repo.owner}`,
    },
    visibility: repo.private ? 'private' : 'public',
    archived: false,
    empty_repo: false,
    issues_enabled: true,
    merge_requests_enabled: true,
    open_issues_count: openIssues,
    _links: {
      self: api,
      issues: `${api}/issues`,
      merge_requests: `${api}/merge_requests`,
      repo_branches: `${api}/repository/branches`,
      labels: `${api}/labels`,
      events: `${api}/events`,
      members: `${api}/members`,
    },
  };
}

export function commitJson(
  sim: SimContext,
  repo: RepositoryRecord,
  commit: CommitObject,
) {
  return {
    id: commit.sha,
    short_id: commit.sha.slice(0, 8),
    created_at: commit.committer.date,
    parent_ids: commit.parents,
    title: commit.message.split('\n')[0],
    message: commit.message,
    author_name: commit.author.name,
    author_email: commit.author.email,
    authored_date: commit.author.date,
    committer_name: commit.committer.name,
    committer_email: commit.committer.email,
    committed_date: commit.committer.date,
    trailers: {},
    extended_trailers: {},
    web_url: `${projectWeb(sim, repo)}/-/commit/${commit.sha}`,
  };
}

export function branchJson(
  sim: SimContext,
  repo: RepositoryRecord,
  name: string,
  commit: CommitObject,
) {
  const isDefault = name === repo.defaultBranch;
  return {
    name,
    commit: commitJson(sim, repo, commit),
    merged: false,
    protected: isDefault,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: true,
    default: isDefault,
    web_url: `${projectWeb(sim, repo)}/-/tree/${encodePath(name)}`,
  };
}

function references(repo: RepositoryRecord, marker: string, iid: number) {
  return {
    short: `${marker}${iid}`,
    relative: `${marker}${iid}`,
    full: `${repo.fullName}${marker}${iid}`,
  };
}

const TIME_STATS = {
  time_estimate: 0,
  total_time_spent: 0,
  human_time_estimate: null,
  human_total_time_spent: null,
};

export function issueJson(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
) {
  const api = `${projectApi(sim, repo)}/issues/${issue.number}`;
  return {
    id: issue.id,
    iid: issue.number,
    project_id: repo.id,
    title: issue.title,
    description: issue.body,
    state: issue.state === 'open' ? 'opened' : 'closed',
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: issue.state === 'closed' ? userJson(sim, sim.user) : null,
    labels: issue.labels,
    milestone: null,
    assignees: [],
    author: userJson(sim, issue.author),
    type: 'ISSUE',
    assignee: null,
    user_notes_count: issue.comments.length,
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: null,
    confidential: false,
    discussion_locked: null,
    issue_type: 'issue',
    web_url: `${projectWeb(sim, repo)}/-/issues/${issue.number}`,
    time_stats: TIME_STATS,
    task_completion_status: { count: 0, completed_count: 0 },
    references: references(repo, '#', issue.number),
    _links: {
      self: api,
      notes: `${api}/notes`,
      award_emoji: `${api}/award_emoji`,
      project: projectApi(sim, repo),
    },
  };
}

export function mergeRequestState(issue: IssueRecord): string {
  if (issue.pull?.merged) return 'merged';
  return issue.state === 'open' ? 'opened' : 'closed';
}

export function mergeRequestJson(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
) {
  const pull = issue.pull!;
  const { headSha, baseSha } = livePullShas(sim.store, repo, issue);
  const state = mergeRequestState(issue);
  const closed = state === 'closed';
  return {
    id: issue.id,
    iid: issue.number,
    project_id: repo.id,
    title: issue.title,
    description: issue.body,
    state,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    merged_by: pull.merged ? userJson(sim, sim.user) : null,
    merge_user: pull.merged ? userJson(sim, sim.user) : null,
    merged_at: pull.mergedAt,
    closed_by: closed ? userJson(sim, sim.user) : null,
    closed_at: closed ? issue.closedAt : null,
    target_branch: pull.base,
    source_branch: pull.head,
    user_notes_count: issue.comments.length,
    upvotes: 0,
    downvotes: 0,
    author: userJson(sim, issue.author),
    assignees: [],
    assignee: null,
    reviewers: [],
    source_project_id: repo.id,
    target_project_id: repo.id,
    labels: issue.labels,
    draft: pull.draft,
    work_in_progress: pull.draft,
    milestone: null,
    merge_when_pipeline_succeeds: false,
    merge_status: state === 'opened' ? 'can_be_merged' : 'unchecked',
    detailed_merge_status: state === 'opened' ? 'mergeable' : 'not_open',
    sha: headSha,
    merge_commit_sha: pull.mergeCommitSha,
    squash_commit_sha: null,
    discussion_locked: null,
    should_remove_source_branch: null,
    force_remove_source_branch: false,
    reference: `!${issue.number}`,
    references: references(repo, '!', issue.number),
    web_url: `${projectWeb(sim, repo)}/-/merge_requests/${issue.number}`,
    time_stats: TIME_STATS,
    squash: false,
    task_completion_status: { count: 0, completed_count: 0 },
    has_conflicts: false,
    blocking_discussions_resolved: true,
    diff_refs: { base_sha: baseSha, head_sha: headSha, start_sha: baseSha },
  };
}

export function noteJson(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
  note: CommentRecord,
) {
  return {
    id: note.id,
    type: null,
    body: note.body,
    attachment: null,
    author: userJson(sim, note.author),
    created_at: note.createdAt,
    updated_at: note.updatedAt,
    system: false,
    noteable_id: issue.id,
    noteable_type: issue.pull ? 'MergeRequest' : 'Issue',
    project_id: repo.id,
    noteable_iid: issue.number,
    resolvable: false,
    confidential: false,
    internal: false,
  };
}
