import { SimContext, encodePath, stableId } from '../context';
import { CommitObject, GitPerson } from '../store/objects';
import { CommentRecord, IssueRecord, RepositoryRecord } from '../store/records';
import { livePullShas } from '../store/issues';

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}${id}`).toString('base64');
}

export function repoApi(sim: SimContext, repo: RepositoryRecord): string {
  return `${sim.urls.githubApi}/repos/${repo.fullName}`;
}

export function repoWeb(sim: SimContext, repo: RepositoryRecord): string {
  return `${sim.urls.githubWeb}/${repo.fullName}`;
}

export function userJson(
  sim: SimContext,
  login: string,
  type: 'User' | 'Organization' = 'User',
) {
  const id = stableId(login);
  return {
    login,
    id,
    node_id: nodeId('U_', id),
    avatar_url: '',
    gravatar_id: '',
    url: `${sim.urls.githubApi}/users/${login}`,
    html_url: `${sim.urls.githubWeb}/${login}`,
    type,
    site_admin: false,
  };
}

export function repoJson(sim: SimContext, repo: RepositoryRecord) {
  const api = repoApi(sim, repo);
  const web = repoWeb(sim, repo);
  let openIssues = 0;
  for (const issue of repo.issues.values()) {
    if (issue.state === 'open') openIssues += 1;
  }
  return {
    id: repo.id,
    node_id: nodeId('R_', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson(sim, repo.owner, 'Organization'),
    html_url: web,
    description: repo.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    contents_url: `${api}/contents/{+path}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issues_url: `${api}/issues{/number}`,
    labels_url: `${api}/labels{/name}`,
    pulls_url: `${api}/pulls{/number}`,
    statuses_url: `${api}/statuses/{sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
    git_url: `${web}.git`,
    clone_url: `${web}.git`,
    homepage: null,
    size: 0,
    language: null,
    has_issues: true,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    open_issues_count: openIssues,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    default_branch: repo.defaultBranch,
    permissions: {
      admin: true,
      maintain: true,
      push: true,
      triage: true,
      pull: true,
    },
  };
}

function personJson(person: GitPerson) {
  return { name: person.name, email: person.email, date: person.date };
}

const UNSIGNED = {
  verified: false,
  reason: 'unsigned',
  signature: null,
  payload: null,
};

/** The git data API commit (`/git/commits/{sha}`). */
export function gitCommitJson(
  sim: SimContext,
  repo: RepositoryRecord,
  commit: CommitObject,
) {
  const api = repoApi(sim, repo);
  const web = repoWeb(sim, repo);
  return {
    sha: commit.sha,
    node_id: nodeId('C_', commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${web}/commit/${commit.sha}`,
    author: personJson(commit.author),
    committer: personJson(commit.committer),
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map(sha => ({
      sha,
      url: `${api}/git/commits/${sha}`,
      html_url: `${web}/commit/${sha}`,
    })),
    verification: UNSIGNED,
  };
}

/** The repository commit (`/commits/{ref}`, branch `commit`). */
export function repoCommitJson(
  sim: SimContext,
  repo: RepositoryRecord,
  commit: CommitObject,
) {
  const api = repoApi(sim, repo);
  const web = repoWeb(sim, repo);
  return {
    sha: commit.sha,
    node_id: nodeId('C_', commit.sha),
    commit: {
      author: personJson(commit.author),
      committer: personJson(commit.committer),
      message: commit.message,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: UNSIGNED,
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${web}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: null,
    committer: null,
    parents: commit.parents.map(sha => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${web}/commit/${sha}`,
    })),
  };
}

export function branchJson(
  sim: SimContext,
  repo: RepositoryRecord,
  name: string,
  commit: CommitObject,
) {
  const api = repoApi(sim, repo);
  return {
    name,
    commit: repoCommitJson(sim, repo, commit),
    _links: {
      self: `${api}/branches/${encodePath(name)}`,
      html: `${repoWeb(sim, repo)}/tree/${encodePath(name)}`,
    },
    protected: false,
    protection: {
      enabled: false,
      required_status_checks: {
        enforcement_level: 'off',
        contexts: [],
        checks: [],
      },
    },
    protection_url: `${api}/branches/${encodePath(name)}/protection`,
  };
}

export function refJson(
  sim: SimContext,
  repo: RepositoryRecord,
  ref: string,
  sha: string,
) {
  const api = repoApi(sim, repo);
  return {
    ref,
    node_id: nodeId('REF_', `${repo.id}:${ref}`),
    url: `${api}/git/${encodePath(ref)}`,
    object: { sha, type: 'commit', url: `${api}/git/commits/${sha}` },
  };
}

export function labelJson(
  sim: SimContext,
  repo: RepositoryRecord,
  name: string,
) {
  const id = stableId(`${repo.fullName}#${name}`);
  return {
    id,
    node_id: nodeId('LA_', id),
    url: `${repoApi(sim, repo)}/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

function issueWeb(sim: SimContext, repo: RepositoryRecord, issue: IssueRecord) {
  const kind = issue.pull ? 'pull' : 'issues';
  return `${repoWeb(sim, repo)}/${kind}/${issue.number}`;
}

export function issueJson(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
) {
  const api = repoApi(sim, repo);
  const url = `${api}/issues/${issue.number}`;
  const html = issueWeb(sim, repo, issue);
  const json: Record<string, unknown> = {
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId('I_', issue.id),
    number: issue.number,
    title: issue.title,
    user: userJson(sim, issue.author),
    labels: issue.labels.map(name => labelJson(sim, repo, name)),
    state: issue.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: 'OWNER',
    active_lock_reason: null,
    body: issue.body,
    closed_by: issue.state === 'closed' ? userJson(sim, sim.user) : null,
    state_reason: issue.stateReason,
  };
  if (issue.pull) {
    json.draft = issue.pull.draft;
    json.pull_request = {
      url: `${api}/pulls/${issue.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.mergedAt,
    };
  }
  return json;
}

export function commentJson(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
  comment: CommentRecord,
) {
  const api = repoApi(sim, repo);
  return {
    id: comment.id,
    node_id: nodeId('IC_', comment.id),
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${issueWeb(sim, repo, issue)}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${issue.number}`,
    body: comment.body,
    user: userJson(sim, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: 'OWNER',
  };
}

export function pullJson(
  sim: SimContext,
  repo: RepositoryRecord,
  issue: IssueRecord,
  details?: { commits: number; changedFiles: number },
) {
  const pull = issue.pull!;
  const api = repoApi(sim, repo);
  const url = `${api}/pulls/${issue.number}`;
  const html = issueWeb(sim, repo, issue);
  const issueUrl = `${api}/issues/${issue.number}`;
  const { headSha, baseSha } = livePullShas(sim.store, repo, issue);
  const repository = repoJson(sim, repo);
  const owner = userJson(sim, repo.owner, 'Organization');
  const side = (ref: string, sha: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: owner,
    repo: repository,
  });
  return {
    url,
    id: issue.id,
    node_id: nodeId('PR_', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userJson(sim, issue.author),
    body: issue.body,
    labels: issue.labels.map(name => labelJson(sim, repo, name)),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.head, headSha),
    base: side(pull.base, baseSha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${api}/statuses/${headSha}` },
    },
    author_association: 'OWNER',
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: issue.state === 'open' ? true : null,
    mergeable_state: issue.state === 'open' ? 'clean' : 'unknown',
    merged_by: pull.merged ? userJson(sim, sim.user) : null,
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    ...(details && {
      commits: details.commits,
      changed_files: details.changedFiles,
    }),
  };
}
