import { ConfigReader } from '@backstage/config';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { http, HttpResponse } from 'msw';
import { GithubProvider } from './GithubProvider';
import type { PullRequestRequest, TrackerTarget } from './types';
import { setupTrackerServer } from './__testUtils__/trackerServer';

const api = 'https://api.github.com/repos/acme/build-notifier';
const target: TrackerTarget = {
  provider: 'github',
  host: 'github.com',
  owner: 'acme',
  repo: 'build-notifier',
};
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('GithubProvider', () => {
  const { server, calls, delays, retry } = setupTrackerServer();
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', token: 'ghp_test' },
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
            token: 'ghe_test',
          },
        ],
      },
    }),
  );
  const provider = GithubProvider.fromIntegrations(integrations, { retry });

  const issue = (number: number, state = 'open') => ({
    number,
    state,
    html_url: `https://github.com/acme/build-notifier/issues/${number}`,
  });
  const pull = (number: number, extra: object = {}) => ({
    number,
    state: 'open',
    merged: false,
    merged_at: null,
    html_url: `https://github.com/acme/build-notifier/pull/${number}`,
    ...extra,
  });

  describe('issues', () => {
    it('creates an issue with labels, authenticating with the integration token', async () => {
      let seen: { auth: string | null; body: unknown } | undefined;
      server.use(
        http.post(`${api}/issues`, async ({ request }) => {
          seen = {
            auth: request.headers.get('authorization'),
            body: await request.json(),
          };
          return HttpResponse.json(issue(12), { status: 201 });
        }),
      );
      await expect(
        provider.createIssue(target, {
          title: 'Cache mount missing',
          body: 'Details\n\n<!-- fp:abc -->',
          labels: ['buildcache', 'ci'],
        }),
      ).resolves.toEqual({
        externalId: '12',
        url: 'https://github.com/acme/build-notifier/issues/12',
        state: 'open',
      });
      expect(seen).toEqual({
        auth: 'token ghp_test',
        body: {
          title: 'Cache mount missing',
          body: 'Details\n\n<!-- fp:abc -->',
          labels: ['buildcache', 'ci'],
        },
      });
    });

    it('updates title, body and labels', async () => {
      let body: unknown;
      server.use(
        http.patch(`${api}/issues/12`, async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(issue(12));
        }),
      );
      await provider.updateIssue(target, '12', {
        title: 'T2',
        body: 'B2',
        labels: ['x'],
      });
      expect(body).toEqual({ title: 'T2', body: 'B2', labels: ['x'] });
    });

    it('closes on fix: comments first, then closes as completed', async () => {
      const bodies: unknown[] = [];
      server.use(
        http.post(`${api}/issues/12/comments`, async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({ id: 1 }, { status: 201 });
        }),
        http.patch(`${api}/issues/12`, async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json(issue(12, 'closed'));
        }),
      );
      await expect(
        provider.closeIssue(target, '12', 'Fixed in abc123'),
      ).resolves.toMatchObject({ state: 'closed' });
      expect(calls).toEqual([
        'POST /repos/acme/build-notifier/issues/12/comments',
        'PATCH /repos/acme/build-notifier/issues/12',
      ]);
      expect(bodies).toEqual([
        { body: 'Fixed in abc123' },
        { state: 'closed', state_reason: 'completed' },
      ]);
    });

    it('finds the open issue carrying the marker, skipping pull requests, filtered by label', async () => {
      const queries: string[] = [];
      server.use(
        http.get(`${api}/issues`, ({ request }) => {
          const url = new URL(request.url);
          queries.push(url.search);
          if (url.searchParams.get('page') === '1') {
            return HttpResponse.json([
              ...Array.from({ length: 98 }, (_, i) => ({
                ...issue(100 + i),
                body: 'other',
              })),
              { ...pull(7), body: 'fp:abc', pull_request: {} },
              { ...issue(8), body: null },
            ]);
          }
          return HttpResponse.json([{ ...issue(9), body: 'x\nfp:abc\n' }]);
        }),
      );
      await expect(
        provider.findIssueByMarker(target, 'fp:abc', ['buildcache']),
      ).resolves.toMatchObject({ externalId: '9' });
      expect(queries).toEqual([
        '?state=open&labels=buildcache&per_page=100&page=1',
        '?state=open&labels=buildcache&per_page=100&page=2',
      ]);
    });

    it('returns null when no open issue carries the marker', async () => {
      server.use(http.get(`${api}/issues`, () => HttpResponse.json([])));
      await expect(
        provider.findIssueByMarker(target, 'fp:none'),
      ).resolves.toBeNull();
    });

    it('uses the apiBaseUrl and token of a GitHub Enterprise integration', async () => {
      let auth: string | null = null;
      server.use(
        http.get(
          'https://ghe.example.com/api/v3/repos/acme/build-notifier/issues/3',
          ({ request }) => {
            auth = request.headers.get('authorization');
            return HttpResponse.json(issue(3, 'closed'));
          },
        ),
      );
      await expect(
        provider.getIssue({ ...target, host: 'ghe.example.com' }, '3'),
      ).resolves.toMatchObject({ state: 'closed' });
      expect(auth).toBe('token ghe_test');
    });

    it('refuses a host with no integration, naming the config key', async () => {
      await expect(
        provider.getIssue({ ...target, host: 'git.unknown.io' }, '3'),
      ).rejects.toThrow(
        new InputError(
          'No GitHub integration is configured for host git.unknown.io; add one under integrations.github',
        ),
      );
    });
  });

  describe('errors and retries', () => {
    const create = () =>
      provider.createIssue(target, { title: 't', body: 'b', labels: [] });

    it('401 → AuthenticationError', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(
        'GitHub create issue in acme/build-notifier failed: the server rejected the credentials (HTTP 401: Bad credentials',
      );
      expect(calls).toHaveLength(1);
    });

    it('404 → NotFoundError saying the repository may not exist or be out of reach', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toMatch(
        /repository or project may not exist, or the token cannot reach it/,
      );
    });

    it('422 → InputError with the validation message', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json(
            {
              message: 'Validation Failed',
              errors: [
                { resource: 'Issue', field: 'title', code: 'missing_field' },
              ],
            },
            { status: 422 },
          ),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(
        'HTTP 422: Validation Failed: Issue title missing_field',
      );
      expect(calls).toHaveLength(1);
    });

    it('429 with Retry-After: waits as asked, then succeeds', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issues`, () =>
          n++ === 0
            ? HttpResponse.json(
                { message: 'rate limited' },
                { status: 429, headers: { 'retry-after': '30' } },
              )
            : HttpResponse.json(issue(13), { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: '13' });
      expect(delays).toEqual([30_000]);
    });

    it('403 secondary rate limit (retry-after) is retried, a plain 403 is not', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issues`, () =>
          n++ === 0
            ? HttpResponse.json(
                { message: 'You have exceeded a secondary rate limit' },
                { status: 403, headers: { 'retry-after': '5' } },
              )
            : HttpResponse.json(
                { message: 'Resource not accessible by integration' },
                { status: 403 },
              ),
        ),
      );
      await expect(create()).rejects.toThrow(
        /not allowed to do this \(HTTP 403: Resource not accessible by integration\)/,
      );
      expect(delays).toEqual([5_000]);
    });

    it('5xx is retried with backoff, then succeeds', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issues`, () =>
          n++ < 2
            ? HttpResponse.json({ message: 'Server Error' }, { status: 502 })
            : HttpResponse.json(issue(14), { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: '14' });
      expect(delays).toHaveLength(2);
      expect(delays[0]).toBeGreaterThanOrEqual(500);
      expect(delays[1]).toBeGreaterThanOrEqual(1000);
    });

    it('gives up on a lasting 5xx with ServiceUnavailableError', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json({ message: 'Unicorn' }, { status: 503 }),
        ),
      );
      await expect(create()).rejects.toBeInstanceOf(ServiceUnavailableError);
      expect(calls).toHaveLength(4);
    });

    it('retries network errors', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issues`, () =>
          n++ === 0
            ? HttpResponse.error()
            : HttpResponse.json(issue(15), { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: '15' });
      expect(delays).toHaveLength(1);
    });
  });

  describe('pull requests', () => {
    const request: PullRequestRequest = {
      title: 'Add a cache mount',
      body: 'Why',
      labels: ['buildcache'],
      branch: 'buildcache/fix-1',
      commitMessage: 'Add a cache mount to the npm install',
      files: [
        {
          path: 'Dockerfile',
          content:
            'FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
          expectedContent: 'FROM node\nRUN npm ci\n',
        },
        {
          path: 'scripts/build.sh',
          content: '#!/bin/sh\nexec make\n',
          expectedContent: '#!/bin/sh\nmake\n',
        },
        { path: 'ci/cache.yml', content: 'cache: true\n', expectedContent: '' },
      ],
    };

    /** The base branch as GitHub serves it, changed files aside. */
    function serveBase(files: Record<string, string> = {}) {
      const contents: Record<string, string> = {
        Dockerfile: 'FROM node\nRUN npm ci\n',
        'scripts/build.sh': '#!/bin/sh\nmake\n',
        ...files,
      };
      server.use(
        http.get(api, () =>
          HttpResponse.json({
            default_branch: 'main',
            full_name: 'acme/build-notifier',
          }),
        ),
        http.get(`${api}/git/ref/heads%2Fmain`, () =>
          HttpResponse.json({
            ref: 'refs/heads/main',
            object: { sha: 'base1' },
          }),
        ),
        http.get(`${api}/git/commits/base1`, () =>
          HttpResponse.json({ sha: 'base1', tree: { sha: 'tree1' } }),
        ),
        http.get(`${api}/contents/*`, ({ request: req }) => {
          const url = new URL(req.url);
          const path = decodeURIComponent(
            url.pathname.replace('/repos/acme/build-notifier/contents/', ''),
          );
          expect(url.searchParams.get('ref')).toBe('base1');
          return path in contents
            ? HttpResponse.json({
                type: 'file',
                path,
                sha: `sha-${path}`,
                encoding: 'base64',
                content: b64(contents[path]),
              })
            : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
        }),
        http.get(`${api}/git/trees/tree1`, () =>
          HttpResponse.json({
            sha: 'tree1',
            tree: [
              { path: 'Dockerfile', mode: '100644', type: 'blob', sha: 'd1' },
              {
                path: 'scripts',
                mode: '040000',
                type: 'tree',
                sha: 'tree-scripts',
              },
            ],
          }),
        ),
        http.get(`${api}/git/trees/tree-scripts`, () =>
          HttpResponse.json({
            sha: 'tree-scripts',
            tree: [
              { path: 'build.sh', mode: '100755', type: 'blob', sha: 's1' },
            ],
          }),
        ),
      );
    }

    /** Blob, tree and commit creation, recording what was sent. */
    function serveWrites() {
      const sent: Record<string, unknown[]> = {
        blobs: [],
        trees: [],
        commits: [],
      };
      server.use(
        http.post(`${api}/git/blobs`, async ({ request: req }) => {
          sent.blobs.push(await req.json());
          return HttpResponse.json(
            { sha: `blob${sent.blobs.length}` },
            { status: 201 },
          );
        }),
        http.post(`${api}/git/trees`, async ({ request: req }) => {
          sent.trees.push(await req.json());
          return HttpResponse.json({ sha: 'newtree' }, { status: 201 });
        }),
        http.post(`${api}/git/commits`, async ({ request: req }) => {
          sent.commits.push(await req.json());
          return HttpResponse.json({ sha: 'newcommit' }, { status: 201 });
        }),
      );
      return sent;
    }

    it('commits every file on a new branch from the base head and opens the pull request', async () => {
      serveBase();
      const sent = serveWrites();
      const refs: unknown[] = [];
      const pulls: unknown[] = [];
      const labels: unknown[] = [];
      server.use(
        http.post(`${api}/git/refs`, async ({ request: req }) => {
          refs.push(await req.json());
          return HttpResponse.json({}, { status: 201 });
        }),
        http.post(`${api}/pulls`, async ({ request: req }) => {
          pulls.push(await req.json());
          return HttpResponse.json(pull(21), { status: 201 });
        }),
        http.post(`${api}/issues/21/labels`, async ({ request: req }) => {
          labels.push(await req.json());
          return HttpResponse.json([]);
        }),
      );

      await expect(provider.openPullRequest(target, request)).resolves.toEqual({
        externalId: '21',
        url: 'https://github.com/acme/build-notifier/pull/21',
        state: 'open',
      });
      expect(sent.blobs).toEqual(
        request.files.map(f => ({ content: f.content, encoding: 'utf-8' })),
      );
      expect(sent.trees).toEqual([
        {
          base_tree: 'tree1',
          tree: [
            { path: 'Dockerfile', mode: '100644', type: 'blob', sha: 'blob1' },
            {
              path: 'scripts/build.sh',
              mode: '100755',
              type: 'blob',
              sha: 'blob2',
            },
            {
              path: 'ci/cache.yml',
              mode: '100644',
              type: 'blob',
              sha: 'blob3',
            },
          ],
        },
      ]);
      expect(sent.commits).toEqual([
        {
          message: 'Add a cache mount to the npm install',
          tree: 'newtree',
          parents: ['base1'],
        },
      ]);
      expect(refs).toEqual([
        { ref: 'refs/heads/buildcache/fix-1', sha: 'newcommit' },
      ]);
      expect(pulls).toEqual([
        {
          title: 'Add a cache mount',
          body: 'Why',
          head: 'buildcache/fix-1',
          base: 'main',
        },
      ]);
      expect(labels).toEqual([{ labels: ['buildcache'] }]);
    });

    it('returns the open pull request already on an existing branch, unchanged', async () => {
      serveBase();
      serveWrites();
      let head: string | null = null;
      server.use(
        http.post(`${api}/git/refs`, () =>
          HttpResponse.json(
            { message: 'Reference already exists' },
            { status: 422 },
          ),
        ),
        http.get(`${api}/pulls`, ({ request: req }) => {
          const url = new URL(req.url);
          head = url.searchParams.get('head');
          expect(url.searchParams.get('state')).toBe('open');
          return HttpResponse.json([pull(5)]);
        }),
      );
      await expect(
        provider.openPullRequest(target, request),
      ).resolves.toMatchObject({
        externalId: '5',
        state: 'open',
      });
      expect(head).toBe('acme:buildcache/fix-1');
      expect(calls).not.toContain('POST /repos/acme/build-notifier/pulls');
      expect(calls.some(c => c.startsWith('PATCH'))).toBe(false);
    });

    it('moves a leftover branch without a pull request to the new commit', async () => {
      serveBase();
      serveWrites();
      let moved: unknown;
      server.use(
        http.post(`${api}/git/refs`, () =>
          HttpResponse.json(
            { message: 'Reference already exists' },
            { status: 422 },
          ),
        ),
        http.get(`${api}/pulls`, () => HttpResponse.json([])),
        http.patch(
          `${api}/git/refs/heads%2Fbuildcache%2Ffix-1`,
          async ({ request: req }) => {
            moved = await req.json();
            return HttpResponse.json({});
          },
        ),
        http.post(`${api}/pulls`, () =>
          HttpResponse.json(pull(22), { status: 201 }),
        ),
        http.post(`${api}/issues/22/labels`, () => HttpResponse.json([])),
      );
      await expect(
        provider.openPullRequest(target, request),
      ).resolves.toMatchObject({
        externalId: '22',
      });
      expect(moved).toEqual({ sha: 'newcommit', force: true });
    });

    it('returns the existing pull request when GitHub says one already exists', async () => {
      serveBase();
      serveWrites();
      server.use(
        http.post(`${api}/git/refs`, () =>
          HttpResponse.json({}, { status: 201 }),
        ),
        http.post(`${api}/pulls`, () =>
          HttpResponse.json(
            {
              message: 'Validation Failed',
              errors: [
                {
                  resource: 'PullRequest',
                  code: 'custom',
                  message:
                    'A pull request already exists for acme:buildcache/fix-1.',
                },
              ],
            },
            { status: 422 },
          ),
        ),
        http.get(`${api}/pulls`, () => HttpResponse.json([pull(6)])),
      );
      await expect(
        provider.openPullRequest(target, request),
      ).resolves.toMatchObject({
        externalId: '6',
      });
      expect(delays).toEqual([]);
    });

    it('refuses when a file changed on the base branch since the scan, creating nothing', async () => {
      serveBase({ 'scripts/build.sh': '#!/bin/sh\nmake all\n' });
      const error = await provider
        .openPullRequest(target, request)
        .catch(e => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe(
        'scripts/build.sh in acme/build-notifier has changed on main since the scan; scan again before opening a fix pull request',
      );
      expect(calls.filter(c => !c.startsWith('GET'))).toEqual([]);
    });

    it('refuses when a file the scan saw was deleted', async () => {
      serveBase();
      await expect(
        provider.openPullRequest(target, {
          ...request,
          files: [{ path: 'gone.txt', content: 'x', expectedContent: 'old' }],
        }),
      ).rejects.toThrow(
        /gone.txt in acme\/build-notifier has been deleted on main/,
      );
    });

    it('refuses to use the default branch (or the base) as the head branch', async () => {
      serveBase();
      await expect(
        provider.openPullRequest(target, { ...request, branch: 'main' }),
      ).rejects.toThrow(
        new InputError(
          'Refusing to open a pull request from branch "main" in acme/build-notifier: it is the default branch; a fix needs a branch of its own',
        ),
      );
      await expect(
        provider.openPullRequest(target, {
          ...request,
          baseBranch: 'release',
          branch: 'release',
        }),
      ).rejects.toThrow(/it is the base branch/);
      expect(calls).toEqual([
        'GET /repos/acme/build-notifier',
        'GET /repos/acme/build-notifier',
      ]);
    });

    it('404 on the repository → NotFoundError', async () => {
      server.use(
        http.get(api, () =>
          HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
        ),
      );
      await expect(provider.openPullRequest(target, request)).rejects.toThrow(
        new NotFoundError(
          'GitHub read repository acme/build-notifier failed: not found (HTTP 404: Not Found); the repository or project may not exist, or the token cannot reach it',
        ),
      );
    });

    it('reads, updates and closes a pull request', async () => {
      const bodies: unknown[] = [];
      server.use(
        http.get(`${api}/pulls/21`, () =>
          HttpResponse.json(pull(21, { state: 'closed', merged: true })),
        ),
        http.patch(`${api}/pulls/21`, async ({ request: req }) => {
          const body = (await req.json()) as Record<string, unknown>;
          bodies.push(body);
          return HttpResponse.json(
            pull(21, body.state ? { state: 'closed' } : {}),
          );
        }),
        http.put(`${api}/issues/21/labels`, async ({ request: req }) => {
          bodies.push(await req.json());
          return HttpResponse.json([]);
        }),
        http.post(`${api}/issues/21/comments`, async ({ request: req }) => {
          bodies.push(await req.json());
          return HttpResponse.json({}, { status: 201 });
        }),
      );
      await expect(
        provider.getPullRequest(target, '21'),
      ).resolves.toMatchObject({
        state: 'merged',
      });
      await expect(
        provider.updatePullRequest(target, '21', {
          title: 'T',
          body: 'B',
          labels: ['l'],
        }),
      ).resolves.toMatchObject({ state: 'open' });
      await expect(
        provider.closePullRequest(target, '21', 'The finding is gone'),
      ).resolves.toMatchObject({ state: 'closed' });
      expect(bodies).toEqual([
        { title: 'T', body: 'B' },
        { labels: ['l'] },
        { body: 'The finding is gone' },
        { state: 'closed' },
      ]);
    });
  });
});
