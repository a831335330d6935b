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
import { GitlabProvider } from './GitlabProvider';
import type { PullRequestRequest, TrackerTarget } from './types';
import { setupTrackerServer } from './__testUtils__/trackerServer';

const path = '/api/v4/projects/platform%2Fci%2Fbuild-notifier';
const api = `https://gitlab.example.com${path}`;
const target: TrackerTarget = {
  provider: 'gitlab',
  host: 'gitlab.example.com',
  project: 'platform/ci/build-notifier',
};
const b64 = (text: string) => Buffer.from(text).toString('base64');
const web = 'https://gitlab.example.com/platform/ci/build-notifier/-';

describe('GitlabProvider', () => {
  const { server, calls, delays, retry } = setupTrackerServer();
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
            token: 'glpat-test',
          },
          {
            host: '127.0.0.1:8929',
            apiBaseUrl: 'http://127.0.0.1:8929/api/v4',
            baseUrl: 'http://127.0.0.1:8929',
            token: 'local-token',
          },
          {
            host: 'notoken.example.com',
            apiBaseUrl: 'https://notoken.example.com/api/v4',
          },
        ],
      },
    }),
  );
  const provider = GitlabProvider.fromIntegrations(integrations, { retry });

  const issue = (iid: number, state = 'opened', extra: object = {}) => ({
    iid,
    state,
    web_url: `${web}/issues/${iid}`,
    ...extra,
  });
  const mr = (iid: number, state = 'opened') => ({
    iid,
    state,
    web_url: `${web}/merge_requests/${iid}`,
  });

  describe('issues', () => {
    it('creates an issue with labels, authenticating with the integration token', async () => {
      let seen: { token: string | null; body: unknown } | undefined;
      server.use(
        http.post(`${api}/issues`, async ({ request }) => {
          seen = {
            token: request.headers.get('private-token'),
            body: await request.json(),
          };
          return HttpResponse.json(issue(4), { status: 201 });
        }),
      );
      await expect(
        provider.createIssue(target, {
          title: 'Cache mount missing',
          body: 'Details\n\nbuildcache-fingerprint: abc',
          labels: ['buildcache', 'ci'],
        }),
      ).resolves.toEqual({
        externalId: '4',
        url: `${web}/issues/4`,
        state: 'open',
      });
      expect(seen).toEqual({
        token: 'glpat-test',
        body: {
          title: 'Cache mount missing',
          description: 'Details\n\nbuildcache-fingerprint: abc',
          labels: 'buildcache,ci',
        },
      });
    });

    it('updates title, description and labels', async () => {
      let body: unknown;
      server.use(
        http.put(`${api}/issues/4`, async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(issue(4));
        }),
      );
      await provider.updateIssue(target, '4', {
        title: 'T',
        body: 'B',
        labels: ['x', 'y'],
      });
      expect(body).toEqual({ title: 'T', description: 'B', labels: 'x,y' });
    });

    it('closes on fix: a note first, then state_event close', async () => {
      const bodies: unknown[] = [];
      server.use(
        http.post(`${api}/issues/4/notes`, async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({ id: 1 }, { status: 201 });
        }),
        http.put(`${api}/issues/4`, async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json(issue(4, 'closed'));
        }),
      );
      await expect(
        provider.closeIssue(target, '4', 'Fixed'),
      ).resolves.toMatchObject({
        state: 'closed',
      });
      expect(calls).toEqual([
        `POST ${path}/issues/4/notes`,
        `PUT ${path}/issues/4`,
      ]);
      expect(bodies).toEqual([{ body: 'Fixed' }, { state_event: 'close' }]);
    });

    it('reads an issue by iid', async () => {
      server.use(
        http.get(`${api}/issues/4`, () =>
          HttpResponse.json(issue(4, 'closed')),
        ),
      );
      await expect(provider.getIssue(target, '4')).resolves.toMatchObject({
        externalId: '4',
        state: 'closed',
      });
    });

    it('finds the open issue carrying the marker through the description search', async () => {
      let query: URLSearchParams | undefined;
      server.use(
        http.get(`${api}/issues`, ({ request }) => {
          query = new URL(request.url).searchParams;
          return HttpResponse.json([
            issue(1, 'opened', {
              description: 'buildcache-fingerprint: other',
            }),
            issue(2, 'opened', {
              description: 'x\nbuildcache-fingerprint: abc\n',
            }),
          ]);
        }),
      );
      await expect(
        provider.findIssueByMarker(target, 'buildcache-fingerprint: abc', [
          'buildcache',
        ]),
      ).resolves.toMatchObject({ externalId: '2' });
      expect(Object.fromEntries(query!)).toEqual({
        state: 'opened',
        search: 'buildcache-fingerprint: abc',
        in: 'description',
        labels: 'buildcache',
        per_page: '100',
      });
    });

    it('takes the instance URL from apiBaseUrl, e.g. a local http://127.0.0.1:PORT', async () => {
      let token: string | null = null;
      server.use(
        http.get(
          'http://127.0.0.1:8929/api/v4/projects/platform%2Fci%2Fbuild-notifier/issues/9',
          ({ request }) => {
            token = request.headers.get('private-token');
            return HttpResponse.json(issue(9));
          },
        ),
      );
      await expect(
        provider.getIssue({ ...target, host: '127.0.0.1:8929' }, '9'),
      ).resolves.toMatchObject({ externalId: '9' });
      expect(token).toBe('local-token');
    });

    it('refuses hosts without an integration or a token, naming integrations.gitlab', async () => {
      await expect(
        provider.getIssue({ ...target, host: 'gitlab.unknown.io' }, '1'),
      ).rejects.toThrow(
        new InputError(
          'No GitLab integration is configured for host gitlab.unknown.io; add one under integrations.gitlab',
        ),
      );
      await expect(
        provider.getIssue({ ...target, host: 'notoken.example.com' }, '1'),
      ).rejects.toThrow(
        /integrations\.gitlab entry for notoken\.example\.com has no token/,
      );
    });
  });

  describe('errors and retries', () => {
    const create = () =>
      provider.createIssue(target, { title: 't', body: 'b', labels: [] });

    it('401 → AuthenticationError', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 }),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(
        'GitLab create issue in gitlab.example.com/platform/ci/build-notifier failed: the server rejected the credentials (HTTP 401: 401 Unauthorized)',
      );
    });

    it('404 → NotFoundError saying the project may not exist or be out of reach', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json(
            { message: '404 Project Not Found' },
            { status: 404 },
          ),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toMatch(
        /HTTP 404: 404 Project Not Found\); the repository or project may not exist, or the token cannot reach it/,
      );
    });

    it('400 → InputError with the validation message', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json(
            { message: { title: ["can't be blank"] } },
            { status: 400 },
          ),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain("HTTP 400: title can't be blank");
      expect(calls).toHaveLength(1);
    });

    it('429 with Retry-After: waits as asked (no hidden library retries), then succeeds', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issues`, () =>
          n++ === 0
            ? HttpResponse.json(
                { message: 'Retry later' },
                {
                  status: 429,
                  headers: { 'retry-after': '12', 'ratelimit-reset': '0' },
                },
              )
            : HttpResponse.json(issue(5), { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: '5' });
      expect(delays).toEqual([12_000]);
      expect(calls).toHaveLength(2);
    });

    it('5xx (502 included) is retried with backoff, then succeeds', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issues`, () =>
          n++ < 2
            ? new HttpResponse('Bad Gateway', { status: 502 })
            : HttpResponse.json(issue(6), { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: '6' });
      expect(delays).toHaveLength(2);
      expect(delays[1]).toBeGreaterThan(delays[0]);
    });

    it('gives up on a lasting 5xx with ServiceUnavailableError', async () => {
      server.use(
        http.post(`${api}/issues`, () =>
          HttpResponse.json({ message: 'oops' }, { status: 500 }),
        ),
      );
      await expect(create()).rejects.toBeInstanceOf(ServiceUnavailableError);
      expect(calls).toHaveLength(4);
    });
  });

  describe('merge requests', () => {
    const request: PullRequestRequest = {
      title: 'Add a cache mount',
      body: 'Why',
      labels: ['buildcache', 'ci'],
      branch: 'buildcache/fix-1',
      commitMessage: 'Add a cache mount',
      files: [
        {
          path: 'Dockerfile',
          content:
            'FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
          expectedContent: 'FROM node\nRUN npm ci\n',
        },
        { path: 'ci/cache.yml', content: 'cache: true\n', expectedContent: '' },
      ],
    };

    function serveTarget(files: Record<string, string> = {}) {
      const contents: Record<string, string> = {
        Dockerfile: 'FROM node\nRUN npm ci\n',
        ...files,
      };
      server.use(
        http.get(api, () =>
          HttpResponse.json({ id: 7, default_branch: 'main' }),
        ),
        http.get(`${api}/repository/branches/main`, () =>
          HttpResponse.json({ name: 'main', commit: { id: 'base1' } }),
        ),
        http.get(`${api}/repository/files/*`, ({ request: req }) => {
          const url = new URL(req.url);
          const file = decodeURIComponent(
            url.pathname.split('/repository/files/')[1],
          );
          expect(url.searchParams.get('ref')).toBe('base1');
          return file in contents
            ? HttpResponse.json({
                file_path: file,
                encoding: 'base64',
                content: b64(contents[file]),
              })
            : HttpResponse.json(
                { message: '404 File Not Found' },
                { status: 404 },
              );
        }),
      );
    }

    it('creates the branch at the target head, commits all files at once and opens the merge request', async () => {
      serveTarget();
      const sent: Record<string, unknown> = {};
      server.use(
        http.post(`${api}/repository/branches`, async ({ request: req }) => {
          sent.branch = await req.json();
          return HttpResponse.json(
            { name: 'buildcache/fix-1' },
            { status: 201 },
          );
        }),
        http.post(`${api}/repository/commits`, async ({ request: req }) => {
          sent.commit = await req.json();
          return HttpResponse.json({ id: 'c1' }, { status: 201 });
        }),
        http.post(`${api}/merge_requests`, async ({ request: req }) => {
          sent.mr = await req.json();
          return HttpResponse.json(mr(11), { status: 201 });
        }),
      );
      await expect(provider.openPullRequest(target, request)).resolves.toEqual({
        externalId: '11',
        url: `${web}/merge_requests/11`,
        state: 'open',
      });
      expect(sent).toEqual({
        branch: { branch: 'buildcache/fix-1', ref: 'base1' },
        commit: {
          branch: 'buildcache/fix-1',
          commit_message: 'Add a cache mount',
          actions: [
            {
              action: 'update',
              file_path: 'Dockerfile',
              content: request.files[0].content,
            },
            {
              action: 'create',
              file_path: 'ci/cache.yml',
              content: 'cache: true\n',
            },
          ],
        },
        mr: {
          source_branch: 'buildcache/fix-1',
          target_branch: 'main',
          title: 'Add a cache mount',
          description: 'Why',
          labels: 'buildcache,ci',
          remove_source_branch: true,
        },
      });
    });

    it('returns the open merge request of an existing branch, unchanged', async () => {
      serveTarget();
      let query: URLSearchParams | undefined;
      server.use(
        http.post(`${api}/repository/branches`, () =>
          HttpResponse.json(
            { message: 'Branch already exists' },
            { status: 400 },
          ),
        ),
        http.get(`${api}/merge_requests`, ({ request: req }) => {
          query = new URL(req.url).searchParams;
          return HttpResponse.json([mr(3)]);
        }),
      );
      await expect(
        provider.openPullRequest(target, request),
      ).resolves.toMatchObject({
        externalId: '3',
      });
      expect(query?.get('source_branch')).toBe('buildcache/fix-1');
      expect(query?.get('state')).toBe('opened');
      expect(calls).not.toContain(`POST ${path}/repository/commits`);
      expect(delays).toEqual([]);
    });

    it('resets a leftover branch without a merge request onto the target head', async () => {
      serveTarget();
      let commit: Record<string, unknown> | undefined;
      server.use(
        http.post(`${api}/repository/branches`, () =>
          HttpResponse.json(
            { message: 'Branch already exists' },
            { status: 400 },
          ),
        ),
        http.get(`${api}/merge_requests`, () => HttpResponse.json([])),
        http.post(`${api}/repository/commits`, async ({ request: req }) => {
          commit = (await req.json()) as Record<string, unknown>;
          return HttpResponse.json({ id: 'c2' }, { status: 201 });
        }),
        http.post(`${api}/merge_requests`, () =>
          HttpResponse.json(mr(12), { status: 201 }),
        ),
      );
      await expect(
        provider.openPullRequest(target, request),
      ).resolves.toMatchObject({
        externalId: '12',
      });
      expect(commit).toMatchObject({ start_sha: 'base1', force: true });
    });

    it('returns the existing merge request on 409 "Another open merge request already exists"', async () => {
      serveTarget();
      server.use(
        http.post(`${api}/repository/branches`, () =>
          HttpResponse.json({ name: 'buildcache/fix-1' }, { status: 201 }),
        ),
        http.post(`${api}/repository/commits`, () =>
          HttpResponse.json({ id: 'c3' }, { status: 201 }),
        ),
        http.post(`${api}/merge_requests`, () =>
          HttpResponse.json(
            {
              message: [
                'Another open merge request already exists for this source branch: !8',
              ],
            },
            { status: 409 },
          ),
        ),
        http.get(`${api}/merge_requests`, () => HttpResponse.json([mr(8)])),
      );
      await expect(
        provider.openPullRequest(target, request),
      ).resolves.toMatchObject({
        externalId: '8',
      });
    });

    it('refuses when a file changed on the target branch since the scan, creating nothing', async () => {
      serveTarget({ Dockerfile: 'FROM node:22\nRUN npm ci\n' });
      const error = await provider
        .openPullRequest(target, request)
        .catch(e => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe(
        'Dockerfile in gitlab.example.com/platform/ci/build-notifier has changed on main since the scan; scan again before opening a fix merge request',
      );
      expect(calls.filter(c => !c.startsWith('GET'))).toEqual([]);
    });

    it('refuses to use the default branch as the source branch', async () => {
      serveTarget();
      await expect(
        provider.openPullRequest(target, { ...request, branch: 'main' }),
      ).rejects.toThrow(
        /Refusing to open a merge request from branch "main".*it is the default branch/,
      );
      expect(calls).toEqual([`GET ${path}`]);
    });

    it('404 on the project → NotFoundError', async () => {
      server.use(
        http.get(api, () =>
          HttpResponse.json(
            { message: '404 Project Not Found' },
            { status: 404 },
          ),
        ),
      );
      await expect(provider.openPullRequest(target, request)).rejects.toThrow(
        /GitLab read project .* failed: not found .*may not exist, or the token cannot reach it/,
      );
    });

    it('reads, updates and closes a merge request', async () => {
      const bodies: unknown[] = [];
      server.use(
        http.get(`${api}/merge_requests/11`, () =>
          HttpResponse.json(mr(11, 'merged')),
        ),
        http.put(`${api}/merge_requests/11`, async ({ request: req }) => {
          const body = (await req.json()) as Record<string, unknown>;
          bodies.push(body);
          return HttpResponse.json(
            mr(11, body.state_event ? 'closed' : 'opened'),
          );
        }),
        http.post(
          `${api}/merge_requests/11/notes`,
          async ({ request: req }) => {
            bodies.push(await req.json());
            return HttpResponse.json({ id: 2 }, { status: 201 });
          },
        ),
      );
      await expect(
        provider.getPullRequest(target, '11'),
      ).resolves.toMatchObject({
        state: 'merged',
      });
      await expect(
        provider.updatePullRequest(target, '11', {
          title: 'T',
          body: 'B',
          labels: ['l'],
        }),
      ).resolves.toMatchObject({ state: 'open' });
      await expect(
        provider.closePullRequest(target, '11', 'The finding is gone'),
      ).resolves.toMatchObject({ state: 'closed' });
      expect(bodies).toEqual([
        { title: 'T', description: 'B', labels: 'l' },
        { body: 'The finding is gone' },
        { state_event: 'close' },
      ]);
    });
  });
});
