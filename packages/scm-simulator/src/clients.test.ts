/*
 * The API clients buildcache's ticket and fix-pull-request providers use,
 * @octokit/rest and @gitbeaker/rest, against the simulator.
 */
import { Gitlab } from '@gitbeaker/rest';
import { Octokit } from '@octokit/rest';
import { APP_FILES, useSimulator } from './__testUtils__/http';

const REPO = 'acme/build-notifier';
const PROJECT = 'platform/tools/deployer';
const TOKEN = 'client-token';

const getSim = useSimulator({
  token: TOKEN,
  repositories: [
    { name: REPO, files: APP_FILES },
    { name: PROJECT, files: APP_FILES },
  ],
});

describe('@octokit/rest', () => {
  const client = () =>
    new Octokit({ baseUrl: getSim().githubApiUrl, auth: TOKEN });
  const repo = { owner: 'acme', repo: 'build-notifier' };

  it('opens a fix pull request through the git data API', async () => {
    const sim = getSim();
    const octokit = client();
    const { data: repository } = await octokit.repos.get(repo);
    const base = repository.default_branch;
    const { data: ref } = await octokit.git.getRef({
      ...repo,
      ref: `heads/${base}`,
    });
    const { data: baseCommit } = await octokit.git.getCommit({
      ...repo,
      commit_sha: ref.object.sha,
    });
    await octokit.git.createRef({
      ...repo,
      ref: 'refs/heads/buildcache/fix',
      sha: ref.object.sha,
    });
    const { data: blob } = await octokit.git.createBlob({
      ...repo,
      content: 'FROM node:22\n',
      encoding: 'utf-8',
    });
    const { data: tree } = await octokit.git.createTree({
      ...repo,
      base_tree: baseCommit.tree.sha,
      tree: [
        { path: 'Dockerfile', mode: '100644', type: 'blob', sha: blob.sha },
      ],
    });
    const { data: commit } = await octokit.git.createCommit({
      ...repo,
      message: 'buildcache: fix Dockerfile',
      tree: tree.sha,
      parents: [ref.object.sha],
    });
    await octokit.git.updateRef({
      ...repo,
      ref: 'heads/buildcache/fix',
      sha: commit.sha,
    });
    const { data: pull } = await octokit.pulls.create({
      ...repo,
      title: 'Fix Dockerfile',
      head: 'buildcache/fix',
      base,
    });
    expect(pull.head.sha).toBe(commit.sha);
    await expect(
      octokit.pulls.create({
        ...repo,
        title: 'Again',
        head: 'buildcache/fix',
        base,
      }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: open } = await octokit.pulls.list({
      ...repo,
      head: 'acme:buildcache/fix',
      state: 'open',
    });
    expect(open.map(p => p.number)).toEqual([pull.number]);
    expect(sim.state.readFile(REPO, 'Dockerfile', 'buildcache/fix')).toBe(
      'FROM node:22\n',
    );

    const { data: content } = await octokit.repos.getContent({
      ...repo,
      path: 'src/index.ts',
    });
    expect(
      'content' in content && Buffer.from(content.content, 'base64').toString(),
    ).toBe(APP_FILES['src/index.ts']);
    await expect(
      octokit.repos.getContent({ ...repo, path: 'missing' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('files, finds, comments on and closes issues, paginating', async () => {
    const octokit = client();
    for (let i = 0; i < 3; i++) {
      await octokit.issues.create({
        ...repo,
        title: `Finding ${i}`,
        labels: ['buildcache'],
      });
    }
    const all = await octokit.paginate(octokit.issues.listForRepo, {
      ...repo,
      labels: 'buildcache',
      state: 'open',
      per_page: 2,
    });
    expect(all).toHaveLength(3);
    const number = all[0].number;
    await octokit.issues.createComment({
      ...repo,
      issue_number: number,
      body: 'seen again',
    });
    const { data: closed } = await octokit.issues.update({
      ...repo,
      issue_number: number,
      state: 'closed',
      state_reason: 'completed',
    });
    expect(closed.state).toBe('closed');
    expect(closed.comments).toBe(1);
  });

  it('surfaces 401 and rate limiting as RequestErrors', async () => {
    const sim = getSim();
    const anonymous = new Octokit({ baseUrl: sim.githubApiUrl });
    await expect(anonymous.repos.get(repo)).rejects.toMatchObject({
      status: 401,
    });
    sim.rateLimit.set({ remaining: 0 });
    try {
      await expect(client().repos.get(repo)).rejects.toMatchObject({
        status: 403,
        response: { headers: { 'x-ratelimit-remaining': '0' } },
      });
    } finally {
      sim.rateLimit.set({ remaining: 1_000_000 });
    }
  });
});

describe('@gitbeaker/rest', () => {
  const client = () => new Gitlab({ host: getSim().gitlabUrl, token: TOKEN });

  it('commits with actions and opens a merge request, 409 for a second one', async () => {
    const sim = getSim();
    const api = client();
    const project = await api.Projects.show(PROJECT);
    expect(project.path_with_namespace).toBe(PROJECT);
    const commit = await api.Commits.create(
      PROJECT,
      'buildcache/fix',
      'buildcache: fix Dockerfile',
      [{ action: 'update', filePath: 'Dockerfile', content: 'FROM node:22\n' }],
      { startBranch: 'main' },
    );
    expect(sim.state.branches(PROJECT)['buildcache/fix']).toBe(commit.id);
    const mr = await api.MergeRequests.create(
      PROJECT,
      'buildcache/fix',
      'main',
      'Fix Dockerfile',
      {
        description: 'From buildcache',
      },
    );
    expect(mr.state).toBe('opened');
    await expect(
      api.MergeRequests.create(PROJECT, 'buildcache/fix', 'main', 'Again'),
    ).rejects.toMatchObject({ cause: { response: { status: 409 } } });
    const open = await api.MergeRequests.all({
      projectId: PROJECT,
      sourceBranch: 'buildcache/fix',
      state: 'opened',
    });
    expect(open.map(m => m.iid)).toEqual([mr.iid]);
    const file = await api.RepositoryFiles.show(
      PROJECT,
      'Dockerfile',
      'buildcache/fix',
    );
    expect(Buffer.from(file.content, 'base64').toString()).toBe(
      'FROM node:22\n',
    );
  });

  it('files, lists, comments on and closes issues', async () => {
    const api = client();
    const issue = await api.Issues.create(PROJECT, 'BC1001 finding', {
      description: 'details',
      labels: 'buildcache',
    });
    const listed = await api.Issues.all({
      projectId: PROJECT,
      labels: 'buildcache',
      state: 'opened',
    });
    expect(listed.map(i => i.iid)).toEqual([issue.iid]);
    await api.IssueNotes.create(PROJECT, issue.iid, 'seen again');
    const closed = await api.Issues.edit(PROJECT, issue.iid, {
      stateEvent: 'close',
    });
    expect(closed.state).toBe('closed');
    expect(getSim().state.issues(PROJECT)[0].comments[0].body).toBe(
      'seen again',
    );
  });
});
