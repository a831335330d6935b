import { APP_FILES, call, useSimulator } from '../__testUtils__/http';

const REPO = 'acme/build-notifier';
const getSim = useSimulator({
  repositories: [{ name: REPO, files: APP_FILES }],
});

describe('GitHub git data API and pull requests', () => {
  const api = () => `${getSim().githubApiUrl}/repos/${REPO}`;

  it('creates a branch, a blob, a tree and a commit, moves the ref and opens a pull request', async () => {
    const sim = getSim();
    const ref = await call(`${api()}/git/ref/heads%2Fmain`);
    expect(ref.status).toBe(200);
    const baseSha: string = ref.body.object.sha;
    expect(baseSha).toBe(sim.state.headSha(REPO));

    const created = await call(`${api()}/git/refs`, {
      method: 'POST',
      body: { ref: 'refs/heads/buildcache/fix-1', sha: baseSha },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ref: 'refs/heads/buildcache/fix-1',
      object: { sha: baseSha, type: 'commit' },
    });
    const duplicate = await call(`${api()}/git/refs`, {
      method: 'POST',
      body: { ref: 'refs/heads/buildcache/fix-1', sha: baseSha },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.message).toBe('Reference already exists');
    expect(duplicate.body.documentation_url).toContain('docs.github.com');

    const baseCommit = await call(`${api()}/git/commits/${baseSha}`);
    const blob = await call(`${api()}/git/blobs`, {
      method: 'POST',
      body: {
        content: Buffer.from(
          'FROM node:22\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
        ).toString('base64'),
        encoding: 'base64',
      },
    });
    expect(blob.status).toBe(201);
    const tree = await call(`${api()}/git/trees`, {
      method: 'POST',
      body: {
        base_tree: baseCommit.body.tree.sha,
        tree: [
          {
            path: 'Dockerfile',
            mode: '100644',
            type: 'blob',
            sha: blob.body.sha,
          },
          {
            path: 'docs/new.md',
            mode: '100644',
            type: 'blob',
            content: 'new\n',
          },
          { path: 'package.json', mode: '100644', type: 'blob', sha: null },
        ],
      },
    });
    expect(tree.status).toBe(201);
    const commit = await call(`${api()}/git/commits`, {
      method: 'POST',
      body: { message: 'Cache npm', tree: tree.body.sha, parents: [baseSha] },
    });
    expect(commit.status).toBe(201);
    expect(commit.body.parents[0].sha).toBe(baseSha);
    // Nothing moved yet.
    expect(sim.state.branches(REPO)['buildcache/fix-1']).toBe(baseSha);

    const moved = await call(`${api()}/git/refs/heads%2Fbuildcache%2Ffix-1`, {
      method: 'PATCH',
      body: { sha: commit.body.sha, force: false },
    });
    expect(moved.status).toBe(200);
    expect(
      sim.state.readFile(REPO, 'Dockerfile', 'buildcache/fix-1'),
    ).toContain('--mount=type=cache');
    expect(sim.state.readFile(REPO, 'docs/new.md', 'buildcache/fix-1')).toBe(
      'new\n',
    );
    expect(
      sim.state.readFile(REPO, 'package.json', 'buildcache/fix-1'),
    ).toBeUndefined();
    expect(sim.state.readFile(REPO, 'package.json')).toBe(
      APP_FILES['package.json'],
    );

    const backwards = await call(`${api()}/git/refs/heads/buildcache/fix-1`, {
      method: 'PATCH',
      body: { sha: baseSha },
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.message).toBe('Update is not a fast forward');

    const pr = await call(`${api()}/pulls`, {
      method: 'POST',
      body: {
        title: 'Cache npm',
        body: 'Adds a cache mount',
        head: 'buildcache/fix-1',
        base: 'main',
      },
    });
    expect(pr.status).toBe(201);
    expect(pr.body).toMatchObject({
      number: 1,
      state: 'open',
      merged: false,
      head: {
        ref: 'buildcache/fix-1',
        sha: commit.body.sha,
        label: 'acme:buildcache/fix-1',
      },
      base: { ref: 'main', sha: baseSha },
      html_url: `${sim.url}/${REPO}/pull/1`,
    });

    const again = await call(`${api()}/pulls`, {
      method: 'POST',
      body: { title: 'Again', head: 'acme:buildcache/fix-1', base: 'main' },
    });
    expect(again.status).toBe(422);
    expect(again.body.message).toBe('Validation Failed');
    expect(again.body.errors).toEqual([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: 'A pull request already exists for acme:buildcache/fix-1.',
      },
    ]);

    const listed = await call(
      `${api()}/pulls?head=acme:buildcache/fix-1&state=open`,
    );
    expect(listed.body.map((p: any) => p.number)).toEqual([1]);
    const none = await call(`${api()}/pulls?head=acme:other&state=open`);
    expect(none.body).toEqual([]);
  });

  it('refuses pull requests without commits or with missing branches', async () => {
    const same = await call(`${api()}/pulls`, {
      method: 'POST',
      body: { title: 'x', head: 'main', base: 'main' },
    });
    expect(same.status).toBe(422);
    expect(same.body.errors[0].message).toBe(
      'No commits between main and main',
    );
    const missingHead = await call(`${api()}/pulls`, {
      method: 'POST',
      body: { title: 'x', head: 'nope', base: 'main' },
    });
    expect(missingHead.status).toBe(422);
    expect(missingHead.body.errors).toEqual([
      { resource: 'PullRequest', field: 'head', code: 'invalid' },
    ]);
    const noTitle = await call(`${api()}/pulls`, {
      method: 'POST',
      body: { head: 'nope', base: 'main' },
    });
    expect(noTitle.body.errors[0]).toMatchObject({
      code: 'missing_field',
      field: 'title',
    });
  });

  it('updates, closes and merges pull requests', async () => {
    const sim = getSim();
    sim.commit(
      REPO,
      'fix-2',
      { 'package.json': '{"name":"fixed"}\n' },
      'Fix package',
    );
    const pr = await call(`${api()}/pulls`, {
      method: 'POST',
      body: { title: 'Fix 2', head: 'fix-2', base: 'main' },
    });
    const number = pr.body.number;
    const patched = await call(`${api()}/pulls/${number}`, {
      method: 'PATCH',
      body: { title: 'Fix 2 (updated)', body: 'details' },
    });
    expect(patched.body).toMatchObject({
      title: 'Fix 2 (updated)',
      body: 'details',
    });
    const mergeSha = sim.mergePullRequest(REPO, number);
    const merged = await call(`${api()}/pulls/${number}`);
    expect(merged.body).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: mergeSha,
    });
    expect(merged.body.merged_at).toMatch(/Z$/);
    expect(sim.state.readFile(REPO, 'package.json')).toBe('{"name":"fixed"}\n');
    expect((await call(`${api()}/pulls/${number}/merge`)).status).toBe(204);

    sim.commit(REPO, 'fix-3', { 'x.txt': 'x' }, 'x');
    const third = await call(`${api()}/pulls`, {
      method: 'POST',
      body: { title: 'Fix 3', head: 'fix-3', base: 'main' },
    });
    const closed = await call(`${api()}/pulls/${third.body.number}`, {
      method: 'PATCH',
      body: { state: 'closed' },
    });
    expect(closed.body).toMatchObject({
      state: 'closed',
      merged: false,
      merged_at: null,
    });
    const notMergeable = await call(
      `${api()}/pulls/${third.body.number}/merge`,
      {
        method: 'PUT',
        body: {},
      },
    );
    expect(notMergeable.status).toBe(405);
  });

  it('writes single files through the contents API', async () => {
    const sim = getSim();
    const created = await call(`${api()}/contents/ci%2Fbuild.yml`, {
      method: 'PUT',
      body: {
        message: 'Add CI',
        content: Buffer.from('on: push\n').toString('base64'),
        branch: 'main',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.commit.message).toBe('Add CI');
    const withoutSha = await call(`${api()}/contents/ci/build.yml`, {
      method: 'PUT',
      body: { message: 'Change', content: Buffer.from('x').toString('base64') },
    });
    expect(withoutSha.status).toBe(422);
    const updated = await call(`${api()}/contents/ci/build.yml`, {
      method: 'PUT',
      body: {
        message: 'Change',
        content: Buffer.from('on: pull_request\n').toString('base64'),
        sha: created.body.content.sha,
      },
    });
    expect(updated.status).toBe(200);
    expect(sim.state.readFile(REPO, 'ci/build.yml')).toBe('on: pull_request\n');
    const traversal = await call(`${api()}/contents/..%2F..%2Fescape`, {
      method: 'PUT',
      body: { message: 'x', content: '' },
    });
    expect(traversal.status).toBe(422);
  });

  it('refuses trees with paths that leave the repository', async () => {
    const sim = getSim();
    for (const bad of ['../evil', 'a/../../evil', '.git/config', '/abs/../x']) {
      const response = await call(`${api()}/git/trees`, {
        method: 'POST',
        body: {
          tree: [{ path: bad, mode: '100644', type: 'blob', content: 'x' }],
        },
      });
      expect(response.status).toBe(422);
      expect(response.body.message).toBe(
        'tree.path contains a malformed path component',
      );
    }
    expect(sim.state.listFiles(REPO).some(f => f.includes('evil'))).toBe(false);
  });
});
