import { request } from 'node:http';
import { call, useSimulator } from './__testUtils__/http';
import { startScmSimulator } from './simulator';

const REPO = 'acme/app';

/** A raw request, so paths reach the server exactly as written (no URL normalisation). */
function rawGet(
  url: string,
  rawPath: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path: rawPath, method: 'GET' },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('rate limit', () => {
  const getSim = useSimulator({
    repositories: [{ name: REPO, files: { a: 'a' } }],
    rateLimit: { limit: 3 },
  });

  it('counts GitHub requests, skips 304s and answers 403 when exhausted', async () => {
    const sim = getSim();
    const url = `${sim.githubApiUrl}/repos/${REPO}`;
    const first = await call(url);
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(
      Date.now() / 1000,
    );
    const cached = await call(url, {
      headers: { 'If-None-Match': first.headers.get('etag')! },
    });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('x-ratelimit-remaining')).toBe('2');
    await call(url);
    await call(url);
    const limited = await call(url);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.body.message).toMatch(/^API rate limit exceeded for /);
    // GitLab is not limited; /rate_limit does not count.
    expect((await call(`${sim.gitlabApiUrl}/projects/1`)).status).toBe(200);
    const status = await call(`${sim.githubApiUrl}/rate_limit`);
    expect(status.body.resources.core).toMatchObject({
      limit: 3,
      remaining: 0,
    });
    sim.rateLimit.set({ remaining: 10 });
    expect((await call(url)).status).toBe(200);
  });
});

describe('authentication', () => {
  const getSim = useSimulator({
    repositories: [{ name: REPO }],
    token: 's3cret',
  });

  it('answers 401 without the token on both APIs', async () => {
    const sim = getSim();
    const none = await call(`${sim.githubApiUrl}/repos/${REPO}`);
    expect(none.status).toBe(401);
    expect(none.body.message).toBe('Requires authentication');
    const wrong = await call(`${sim.githubApiUrl}/repos/${REPO}`, {
      headers: { Authorization: 'token nope' },
    });
    expect(wrong.body.message).toBe('Bad credentials');
    for (const scheme of ['token', 'Bearer']) {
      const ok = await call(`${sim.githubApiUrl}/repos/${REPO}`, {
        headers: { Authorization: `${scheme} s3cret` },
      });
      expect(ok.status).toBe(200);
    }
    const gl = await call(`${sim.gitlabApiUrl}/projects/1`);
    expect(gl.status).toBe(401);
    expect(gl.body).toEqual({ message: '401 Unauthorized' });
    expect(
      (
        await call(`${sim.gitlabApiUrl}/projects/1`, {
          headers: { 'PRIVATE-TOKEN': 's3cret' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(`${sim.gitlabApiUrl}/projects/1`, {
          headers: { Authorization: 'Bearer s3cret' },
        })
      ).status,
    ).toBe(200);
  });
});

describe('faults', () => {
  const getSim = useSimulator({
    repositories: [{ name: REPO, files: { a: 'a' } }],
  });

  it('answers queued faults in order, then the API again', async () => {
    const sim = getSim();
    const url = `${sim.githubApiUrl}/repos/${REPO}`;
    sim.faults.next({
      pathPattern: `/api/v3/repos/${REPO}`,
      status: 502,
      times: 2,
    });
    sim.faults.next({
      method: 'GET',
      pathPattern: /\/projects\//,
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'slow down' },
    });
    const first = await call(url);
    expect(first.status).toBe(502);
    expect(first.body.message).toBe('Bad Gateway');
    expect((await call(url)).status).toBe(502);
    expect((await call(url)).status).toBe(200);
    const gl = await call(`${sim.gitlabApiUrl}/projects/1`);
    expect(gl.status).toBe(429);
    expect(gl.headers.get('retry-after')).toBe('1');
    expect(gl.body).toEqual({ message: 'slow down' });
    expect(sim.faults.pending()).toBe(0);
    const log = sim.state.requests.filter(r => r.fault);
    expect(log.map(r => r.status)).toEqual([502, 502, 429]);
  });

  it('can drop the connection', async () => {
    const sim = getSim();
    sim.faults.next({ pathPattern: '/api/v3/repos/*', destroySocket: true });
    await expect(fetch(`${sim.githubApiUrl}/repos/${REPO}`)).rejects.toThrow();
    expect((await call(`${sim.githubApiUrl}/repos/${REPO}`)).status).toBe(200);
  });
});

describe('request handling', () => {
  const getSim = useSimulator({
    repositories: [{ name: REPO, files: { a: 'a' } }],
  });

  it('never resolves encoded or raw dot segments outside the store', async () => {
    const sim = getSim();
    const attempts = [
      `/api/v3/repos/${REPO}/contents/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/api/v3/repos/${REPO}/contents/%2e%2e/%2e%2e/etc/passwd`,
      `/api/v3/repos/${REPO}/contents/../../../../etc/passwd`,
      `/api/v3/repos/acme/..%2F..%2Fetc/contents/a`,
      `/raw/${REPO}/main/..%2F..%2Fetc%2Fpasswd`,
      `/${REPO}/blob/main/..%2F..%2Fetc%2Fpasswd`,
      `/api/v4/projects/${encodeURIComponent(
        REPO,
      )}/repository/files/%2e%2e%2Fetc%2Fpasswd/raw?ref=main`,
      `/api/v3/repos/${REPO}/contents/%E0%A4%A`,
    ];
    for (const attempt of attempts) {
      const { status, body } = await rawGet(sim.url, attempt);
      expect([400, 404]).toContain(status);
      expect(body).not.toContain('root:');
    }
  });

  it('answers HEAD without a body and unknown routes with platform errors', async () => {
    const sim = getSim();
    const head = await fetch(`${sim.githubApiUrl}/repos/${REPO}`, {
      method: 'HEAD',
    });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const gh = await call(`${sim.githubApiUrl}/nothing/here`);
    expect(gh.status).toBe(404);
    expect(gh.body.documentation_url).toBeDefined();
    const gl = await call(`${sim.gitlabApiUrl}/nothing`);
    expect(gl.body).toEqual({ error: '404 Not Found' });
    const method = await call(`${sim.gitlabApiUrl}/projects/1`, {
      method: 'DELETE',
    });
    expect(method.status).toBe(405);
    expect(sim.state.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/api/v4/projects/1',
      status: 405,
      platform: 'gitlab',
    });
  });

  it('serves GitLab on its own port when asked, so integrations differ by host', async () => {
    const sim = await startScmSimulator({
      gitlabPort: 0,
      repositories: [{ name: REPO }],
    });
    try {
      expect(sim.gitlabUrl).not.toBe(sim.url);
      const project = await call(`${sim.gitlabApiUrl}/projects/1`);
      expect(project.body.web_url).toBe(`${sim.gitlabUrl}/${REPO}`);
    } finally {
      await sim.close();
    }
  });
});
