import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { x as extract } from 'tar';
import { APP_FILES, call, useSimulator } from '../__testUtils__/http';

const getSim = useSimulator({
  repositories: [{ name: 'acme/build-notifier', files: APP_FILES }],
});

async function extractTarball(buffer: Buffer): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scm-tar-'));
  const file = path.join(dir, 'archive.tar.gz');
  writeFileSync(file, buffer);
  await extract({ file, cwd: dir });
  return dir;
}

describe('GitHub repositories', () => {
  it('answers the repository with the fields clients read', async () => {
    const sim = getSim();
    const { status, body, headers } = await call(
      `${sim.githubApiUrl}/repos/acme/build-notifier`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 1,
      name: 'build-notifier',
      full_name: 'acme/build-notifier',
      default_branch: 'main',
      private: false,
      owner: { login: 'acme' },
      html_url: `${sim.url}/acme/build-notifier`,
      archive_url: `${sim.githubApiUrl}/repos/acme/build-notifier/{archive_format}{/ref}`,
    });
    expect(headers.get('x-ratelimit-limit')).toBe('1000000');
    expect(headers.get('x-ratelimit-resource')).toBe('core');
    expect(headers.get('etag')).toMatch(/^W\/"/);
  });

  it('answers 404 with the GitHub error body for unknown repositories', async () => {
    const sim = getSim();
    const { status, body } = await call(`${sim.githubApiUrl}/repos/acme/nope`);
    expect(status).toBe(404);
    expect(body).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
  });

  it('answers branches with their commit and tree', async () => {
    const sim = getSim();
    const head = sim.state.headSha('acme/build-notifier')!;
    const { body } = await call(
      `${sim.githubApiUrl}/repos/acme/build-notifier/branches/main`,
    );
    expect(body.name).toBe('main');
    expect(body.commit.sha).toBe(head);
    expect(body.commit.commit.tree.sha).toMatch(/^[0-9a-f]{40}$/);
    const missing = await call(
      `${sim.githubApiUrl}/repos/acme/build-notifier/branches/nope`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Branch not found');
  });

  it('serves the tarball under one {owner}-{repo}-{sha7} folder, with ETag and 304', async () => {
    const sim = getSim();
    const head = sim.state.headSha('acme/build-notifier')!;
    const url = `${sim.githubApiUrl}/repos/acme/build-notifier/tarball/${head}`;
    const first = await call(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${head}"`);
    const dir = await extractTarball(first.buffer);
    try {
      const root = path.join(dir, `acme-build-notifier-${head.slice(0, 7)}`);
      for (const [file, content] of Object.entries(APP_FILES)) {
        expect(readFileSync(path.join(root, file), 'utf8')).toBe(content);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const again = await call(url, {
      headers: { 'If-None-Match': `"${head}"` },
    });
    expect(again.status).toBe(304);
    expect(again.buffer.length).toBe(0);
    // The default-branch form and the archive_url expansion both work.
    const plain = await call(
      `${sim.githubApiUrl}/repos/acme/build-notifier/tarball`,
    );
    expect(plain.status).toBe(200);
  });

  it('answers the combined status the URL reader uses to find the commit', async () => {
    const sim = getSim();
    const head = sim.state.headSha('acme/build-notifier')!;
    const { body } = await call(
      `${sim.githubApiUrl}/repos/acme/build-notifier/commits/main/status?per_page=0`,
    );
    expect(body.sha).toBe(head);
    expect(body.repository.archive_url).toContain('{archive_format}{/ref}');
  });

  it('answers contents as base64 JSON or raw, 404 when missing', async () => {
    const sim = getSim();
    const base = `${sim.githubApiUrl}/repos/acme/build-notifier/contents`;
    const file = await call(`${base}/src%2Findex.ts?ref=main`);
    expect(file.body).toMatchObject({
      type: 'file',
      encoding: 'base64',
      path: 'src/index.ts',
    });
    expect(Buffer.from(file.body.content, 'base64').toString()).toBe(
      APP_FILES['src/index.ts'],
    );
    expect(file.body.sha).toMatch(/^[0-9a-f]{40}$/);

    const rawFile = await call(`${base}/Dockerfile`, {
      headers: { Accept: 'application/vnd.github.v3.raw' },
    });
    expect(rawFile.buffer.toString()).toBe(APP_FILES.Dockerfile);
    const etag = rawFile.headers.get('etag')!;
    const notModified = await call(`${base}/Dockerfile`, {
      headers: {
        Accept: 'application/vnd.github.v3.raw',
        'If-None-Match': etag,
      },
    });
    expect(notModified.status).toBe(304);

    const dir = await call(`${base}/docs`);
    expect(dir.body).toEqual([
      expect.objectContaining({ type: 'dir', name: 'deep', path: 'docs/deep' }),
    ]);
    expect((await call(`${base}/missing.txt`)).status).toBe(404);
    const badRef = await call(`${base}/Dockerfile?ref=nope`);
    expect(badRef.status).toBe(404);
    expect(badRef.body.message).toBe('No commit found for the ref nope');
  });

  it('sends files over 1 MB without content, as GitHub does', async () => {
    const sim = getSim();
    const big = 'x'.repeat(1024 * 1024 + 1);
    sim.commit('acme/build-notifier', 'big', { 'big.txt': big }, 'big');
    const { body } = await call(
      `${sim.githubApiUrl}/repos/acme/build-notifier/contents/big.txt?ref=big`,
    );
    expect(body).toMatchObject({
      encoding: 'none',
      content: '',
      size: big.length,
    });
    const blob = await call(body.git_url);
    expect(Buffer.from(blob.body.content, 'base64').toString()).toBe(big);
  });

  it('serves trees recursively and blobs as the search path reads them', async () => {
    const sim = getSim();
    const head = sim.state.headSha('acme/build-notifier')!;
    const tree = await call(
      `${sim.githubApiUrl}/repos/acme/build-notifier/git/trees/${head}?recursive=true`,
    );
    const blobs = tree.body.tree.filter((e: any) => e.type === 'blob');
    expect(blobs.map((e: any) => e.path).sort()).toEqual(
      Object.keys(APP_FILES).sort(),
    );
    const dockerfile = blobs.find((e: any) => e.path === 'Dockerfile');
    const blob = await call(dockerfile.url);
    expect(Buffer.from(blob.body.content, 'base64').toString()).toBe(
      APP_FILES.Dockerfile,
    );
  });

  it('serves GitHub Enterprise raw URLs and the browser pages', async () => {
    const sim = getSim();
    const rawFile = await call(
      `${sim.githubRawUrl}/acme/build-notifier/main/src/index.ts`,
    );
    expect(rawFile.buffer.toString()).toBe(APP_FILES['src/index.ts']);
    const page = await call(
      `${sim.url}/acme/build-notifier/blob/main/Dockerfile`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'",
    );
    expect(page.buffer.toString()).toContain('FROM node:22');
    const tree = await call(`${sim.url}/acme/build-notifier/tree/main/`);
    expect(tree.buffer.toString()).toContain(
      '/acme/build-notifier/tree/main/docs',
    );
  });

  it('lists commits, newest first, filtered by path', async () => {
    const sim = getSim();
    await sim.addRepository({
      name: 'acme/history',
      files: { a: '1', b: '1' },
    });
    sim.commit('acme/history', 'main', { a: '2' }, 'change a');
    sim.commit('acme/history', 'main', { b: '2' }, 'change b');
    const all = await call(`${sim.githubApiUrl}/repos/acme/history/commits`);
    expect(all.body.map((c: any) => c.commit.message)).toEqual([
      'change b',
      'change a',
      'Initial commit',
    ]);
    const onlyA = await call(
      `${sim.githubApiUrl}/repos/acme/history/commits?path=a`,
    );
    expect(onlyA.body.map((c: any) => c.commit.message)).toEqual([
      'change a',
      'Initial commit',
    ]);
    const single = await call(
      `${sim.githubApiUrl}/repos/acme/history/commits/main`,
    );
    expect(single.body.files).toEqual([
      expect.objectContaining({ filename: 'b', status: 'modified' }),
    ]);
  });
});
