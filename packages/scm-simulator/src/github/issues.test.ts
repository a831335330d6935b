import { call, useSimulator } from '../__testUtils__/http';

const REPO = 'acme/tickets';
const getSim = useSimulator({
  repositories: [{ name: REPO, files: { 'README.md': 'x' } }],
});

describe('GitHub issues', () => {
  const api = () => `${getSim().githubApiUrl}/repos/${REPO}`;

  it('creates, lists, updates, comments on and closes issues', async () => {
    const sim = getSim();
    const created = await call(`${api()}/issues`, {
      method: 'POST',
      body: {
        title: 'BC1001: no cache mount',
        body: 'details',
        labels: ['buildcache', 'ci'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: 1,
      state: 'open',
      title: 'BC1001: no cache mount',
      body: 'details',
      labels: [{ name: 'buildcache' }, { name: 'ci' }],
      html_url: `${sim.url}/${REPO}/issues/1`,
    });
    expect(created.body).not.toHaveProperty('pull_request');

    await call(`${api()}/issues`, {
      method: 'POST',
      body: { title: 'Other', labels: ['ci'] },
    });
    const byLabel = await call(`${api()}/issues?labels=buildcache&state=open`);
    expect(byLabel.body.map((i: any) => i.number)).toEqual([1]);
    const both = await call(`${api()}/issues?labels=ci`);
    expect(both.body.map((i: any) => i.number)).toEqual([2, 1]);

    const comment = await call(`${api()}/issues/1/comments`, {
      method: 'POST',
      body: { body: 'Still failing' },
    });
    expect(comment.status).toBe(201);
    expect(comment.body.body).toBe('Still failing');
    const comments = await call(`${api()}/issues/1/comments`);
    expect(comments.body.map((c: any) => c.body)).toEqual(['Still failing']);

    const closed = await call(`${api()}/issues/1`, {
      method: 'PATCH',
      body: {
        state: 'closed',
        state_reason: 'completed',
        labels: ['buildcache'],
      },
    });
    expect(closed.body).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      comments: 1,
    });
    expect(closed.body.closed_at).toMatch(/Z$/);
    expect(sim.state.issues(REPO)[0]).toMatchObject({
      state: 'closed',
      labels: ['buildcache'],
      comments: [expect.objectContaining({ body: 'Still failing' })],
    });
    const open = await call(`${api()}/issues?state=open`);
    expect(open.body.map((i: any) => i.number)).toEqual([2]);
    const reopened = await call(`${api()}/issues/1`, {
      method: 'PATCH',
      body: { state: 'open' },
    });
    expect(reopened.body).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
    });
  });

  it('replaces, adds and removes labels', async () => {
    const created = await call(`${api()}/issues`, {
      method: 'POST',
      body: { title: 'Labels', labels: ['a'] },
    });
    const n = created.body.number;
    const set = await call(`${api()}/issues/${n}/labels`, {
      method: 'PUT',
      body: { labels: ['x', 'y'] },
    });
    expect(set.body.map((l: any) => l.name)).toEqual(['x', 'y']);
    const added = await call(`${api()}/issues/${n}/labels`, {
      method: 'POST',
      body: { labels: ['z'] },
    });
    expect(added.body.map((l: any) => l.name)).toEqual(['x', 'y', 'z']);
    const removed = await call(`${api()}/issues/${n}/labels/y`, {
      method: 'DELETE',
    });
    expect(removed.body.map((l: any) => l.name)).toEqual(['x', 'z']);
  });

  it('paginates with a Link header', async () => {
    const sim = getSim();
    await sim.addRepository({ name: 'acme/many' });
    for (let i = 0; i < 5; i++) {
      await call(`${sim.githubApiUrl}/repos/acme/many/issues`, {
        method: 'POST',
        body: { title: `Issue ${i}` },
      });
    }
    const first = await call(
      `${sim.githubApiUrl}/repos/acme/many/issues?per_page=2`,
    );
    expect(first.body).toHaveLength(2);
    const link = first.headers.get('link')!;
    expect(link).toContain('rel="next"');
    expect(link).toContain('rel="last"');
    const next = /<([^>]+)>; rel="next"/.exec(link)![1];
    expect(next).toContain('page=2');
    const last = await call(
      `${sim.githubApiUrl}/repos/acme/many/issues?per_page=2&page=3`,
    );
    expect(last.body).toHaveLength(1);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('validates issue input with GitHub errors', async () => {
    const missingTitle = await call(`${api()}/issues`, {
      method: 'POST',
      body: { body: 'x' },
    });
    expect(missingTitle.status).toBe(422);
    const badState = await call(`${api()}/issues/1`, {
      method: 'PATCH',
      body: { state: 'gone' },
    });
    expect(badState.status).toBe(422);
    const broken = await fetch(`${api()}/issues`, {
      method: 'POST',
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      message: 'Problems parsing JSON',
    });
    expect((await call(`${api()}/issues/999`)).status).toBe(404);
  });
});
