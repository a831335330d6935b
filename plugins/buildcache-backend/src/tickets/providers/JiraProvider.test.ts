import {
  AuthenticationError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { JiraProvider } from './JiraProvider';
import { markdownToJiraWiki } from './jiraMarkup';
import type { TrackerTarget } from './types';
import { setupTrackerServer } from './__testUtils__/trackerServer';

const site = 'https://acme.atlassian.net';
const api = `${site}/rest/api/2`;
const target: TrackerTarget = { provider: 'jira', projectKey: 'PLAT' };
const basic = `Basic ${Buffer.from('bot@acme.com:atl-token').toString(
  'base64',
)}`;

describe('JiraProvider', () => {
  const { server, calls, delays, retry } = setupTrackerServer();
  const provider = JiraProvider.fromSettings(
    {
      baseUrl: `${site}/`,
      projectKey: 'PLAT',
      issueType: 'Task',
      labels: ['buildcache'],
      email: 'bot@acme.com',
      apiToken: 'atl-token',
      personalAccessToken: null,
    },
    { retry },
  );
  const status = (key: string) => ({
    fields: { status: { name: key, statusCategory: { key } } },
  });

  it('creates an issue: summary, wiki-markup description, type and labels, with Basic auth', async () => {
    let seen: { auth: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${api}/issue`, async ({ request }) => {
        seen = {
          auth: request.headers.get('authorization'),
          body: await request.json(),
        };
        return HttpResponse.json(
          { id: '10001', key: 'PLAT-7', self: `${api}/issue/10001` },
          { status: 201 },
        );
      }),
    );
    await expect(
      provider.createIssue(target, {
        title: 'Cache mount missing',
        body: '## Why\n\n```\nRUN npm ci\n```\n\n---\nbuildcache-fingerprint: abc',
        labels: ['ci', 'build cache'],
      }),
    ).resolves.toEqual({
      externalId: 'PLAT-7',
      url: 'https://acme.atlassian.net/browse/PLAT-7',
      state: 'open',
    });
    expect(seen).toEqual({
      auth: basic,
      body: {
        fields: {
          project: { key: 'PLAT' },
          issuetype: { name: 'Task' },
          summary: 'Cache mount missing',
          description:
            'h2. Why\n\n{noformat}\nRUN npm ci\n{noformat}\n\n----\nbuildcache-fingerprint: abc',
          labels: ['buildcache', 'ci', 'build-cache'],
        },
      },
    });
  });

  it('updates summary, description and labels, then reads the state back', async () => {
    let body: unknown;
    server.use(
      http.put(`${api}/issue/PLAT-7`, async ({ request }) => {
        body = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(`${api}/issue/PLAT-7`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('fields')).toBe('status');
        return HttpResponse.json({ key: 'PLAT-7', ...status('indeterminate') });
      }),
    );
    await expect(
      provider.updateIssue(target, 'PLAT-7', {
        title: 'T',
        body: 'B',
        labels: [],
      }),
    ).resolves.toMatchObject({ externalId: 'PLAT-7', state: 'open' });
    expect(body).toEqual({
      fields: { summary: 'T', description: 'B', labels: ['buildcache'] },
    });
  });

  it('closes on fix: comment, then the transition into the done category', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${api}/issue/PLAT-7/comment`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ id: '1' }, { status: 201 });
      }),
      http.get(`${api}/issue/PLAT-7/transitions`, () =>
        HttpResponse.json({
          transitions: [
            {
              id: '11',
              name: 'Start',
              to: {
                name: 'In Progress',
                statusCategory: { key: 'indeterminate' },
              },
            },
            {
              id: '31',
              name: 'Finish',
              to: { name: 'Shipped', statusCategory: { key: 'done' } },
            },
          ],
        }),
      ),
      http.post(`${api}/issue/PLAT-7/transitions`, async ({ request }) => {
        bodies.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await expect(
      provider.closeIssue(target, 'PLAT-7', 'Fixed by `abc123`'),
    ).resolves.toMatchObject({ state: 'closed' });
    expect(calls).toEqual([
      'POST /rest/api/2/issue/PLAT-7/comment',
      'GET /rest/api/2/issue/PLAT-7/transitions',
      'POST /rest/api/2/issue/PLAT-7/transitions',
    ]);
    expect(bodies).toEqual([
      { body: 'Fixed by {{abc123}}' },
      { transition: { id: '31' } },
    ]);
  });

  it('falls back to a transition named Done/Closed/Resolved', async () => {
    let transition: unknown;
    server.use(
      http.post(`${api}/issue/PLAT-7/comment`, () =>
        HttpResponse.json({}, { status: 201 }),
      ),
      http.get(`${api}/issue/PLAT-7/transitions`, () =>
        HttpResponse.json({
          transitions: [
            { id: '11', name: 'Start', to: { name: 'In Progress' } },
            { id: '41', name: 'Resolve', to: { name: 'Resolved' } },
          ],
        }),
      ),
      http.post(`${api}/issue/PLAT-7/transitions`, async ({ request }) => {
        transition = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await provider.closeIssue(target, 'PLAT-7', 'Fixed');
    expect(transition).toEqual({ transition: { id: '41' } });
  });

  it('refuses to close when no transition leads to done, naming those found', async () => {
    server.use(
      http.post(`${api}/issue/PLAT-7/comment`, () =>
        HttpResponse.json({}, { status: 201 }),
      ),
      http.get(`${api}/issue/PLAT-7/transitions`, () =>
        HttpResponse.json({
          transitions: [
            { id: '11', name: 'Start', to: { name: 'In Progress' } },
          ],
        }),
      ),
      http.get(`${api}/issue/PLAT-7`, () =>
        HttpResponse.json({ key: 'PLAT-7', ...status('new') }),
      ),
    );
    await expect(
      provider.closeIssue(target, 'PLAT-7', 'Fixed'),
    ).rejects.toThrow(
      new InputError(
        'Cannot close Jira issue PLAT-7: no transition leads to a done status (transitions available: "Start")',
      ),
    );
  });

  it('reads the state from the status category', async () => {
    server.use(
      http.get(`${api}/issue/PLAT-8`, () =>
        HttpResponse.json({ key: 'PLAT-8', ...status('done') }),
      ),
    );
    await expect(provider.getIssue(target, 'PLAT-8')).resolves.toEqual({
      externalId: 'PLAT-8',
      url: 'https://acme.atlassian.net/browse/PLAT-8',
      state: 'closed',
    });
  });

  it('finds an open issue by marker with a JQL text search, escaped', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${api}/search/jql`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({
          issues: [
            {
              key: 'PLAT-3',
              fields: {
                description: 'buildcache-fingerprint: abd',
                ...status('new').fields,
              },
            },
            {
              key: 'PLAT-4',
              fields: {
                description: 'x\nbuildcache-fingerprint: "abc"',
                ...status('new').fields,
              },
            },
          ],
        });
      }),
    );
    await expect(
      provider.findIssueByMarker(target, 'buildcache-fingerprint: "abc"'),
    ).resolves.toMatchObject({ externalId: 'PLAT-4', state: 'open' });
    expect(query?.get('jql')).toBe(
      'project = "PLAT" AND text ~ "buildcache\\\\-fingerprint\\\\: \\\\\\"abc\\\\\\"" AND statusCategory != Done ORDER BY created DESC',
    );
    expect(query?.get('fields')).toBe('description,status');
  });

  it('uses a Data Center personal access token and falls back to /search where /search/jql is missing', async () => {
    const dc = JiraProvider.fromSettings(
      { baseUrl: 'https://jira.acme.com/jira', personalAccessToken: 'pat-1' },
      { retry },
    );
    const auth: Array<string | null> = [];
    server.use(
      http.get(
        'https://jira.acme.com/jira/rest/api/2/search/jql',
        ({ request }) => {
          auth.push(request.headers.get('authorization'));
          return HttpResponse.json(
            { errorMessages: ['null for uri'] },
            { status: 404 },
          );
        },
      ),
      http.get(
        'https://jira.acme.com/jira/rest/api/2/search',
        ({ request }) => {
          auth.push(request.headers.get('authorization'));
          return HttpResponse.json({ issues: [] });
        },
      ),
    );
    await expect(dc.findIssueByMarker(target, 'fp')).resolves.toBeNull();
    await expect(dc.findIssueByMarker(target, 'fp')).resolves.toBeNull();
    expect(calls).toEqual([
      'GET /jira/rest/api/2/search/jql',
      'GET /jira/rest/api/2/search',
      'GET /jira/rest/api/2/search',
    ]);
    expect(auth).toEqual(['Bearer pat-1', 'Bearer pat-1', 'Bearer pat-1']);
  });

  it('refuses settings without credentials and keys that are not issue keys', async () => {
    expect(() => JiraProvider.fromSettings({ baseUrl: site })).toThrow(
      /email and apiToken \(Jira Cloud\) or personalAccessToken/,
    );
    await expect(provider.getIssue(target, '../admin')).rejects.toBeInstanceOf(
      InputError,
    );
    expect(calls).toEqual([]);
  });

  describe('errors and retries', () => {
    const create = () =>
      provider.createIssue(target, { title: 't', body: 'b', labels: [] });

    it('401 → AuthenticationError', async () => {
      server.use(
        http.post(`${api}/issue`, () =>
          HttpResponse.json(
            { errorMessages: ['Unauthorized'] },
            { status: 401 },
          ),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(
        'Jira create issue in project PLAT failed: the server rejected the credentials (HTTP 401: Unauthorized)',
      );
    });

    it('404 → NotFoundError with a hint', async () => {
      server.use(
        http.get(`${api}/issue/PLAT-99`, () =>
          HttpResponse.json(
            {
              errorMessages: [
                'Issue does not exist or you do not have permission to see it.',
              ],
            },
            { status: 404 },
          ),
        ),
      );
      const error = await provider.getIssue(target, 'PLAT-99').catch(e => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toMatch(
        /Jira get issue PLAT-99 failed: not found .*the issue or project may not exist, or the credentials cannot see it/,
      );
    });

    it('400 → InputError with the field errors', async () => {
      server.use(
        http.post(`${api}/issue`, () =>
          HttpResponse.json(
            {
              errorMessages: [],
              errors: { issuetype: 'Specify a valid issue type' },
            },
            { status: 400 },
          ),
        ),
      );
      const error = await create().catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(
        'HTTP 400: issuetype Specify a valid issue type',
      );
      expect(calls).toHaveLength(1);
    });

    it('429 with Retry-After: waits as asked, then succeeds', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issue`, () =>
          n++ === 0
            ? new HttpResponse(null, {
                status: 429,
                headers: { 'Retry-After': '9' },
              })
            : HttpResponse.json({ key: 'PLAT-9' }, { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: 'PLAT-9' });
      expect(delays).toEqual([9_000]);
    });

    it('5xx is retried with backoff, then succeeds; a lasting one gives up', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issue`, () =>
          n++ < 2
            ? HttpResponse.json({ errorMessages: ['busy'] }, { status: 503 })
            : HttpResponse.json({ key: 'PLAT-10' }, { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: 'PLAT-10' });
      expect(delays).toHaveLength(2);

      server.use(
        http.post(`${api}/issue`, () => HttpResponse.json({}, { status: 500 })),
      );
      await expect(create()).rejects.toBeInstanceOf(ServiceUnavailableError);
    });

    it('retries network errors', async () => {
      let n = 0;
      server.use(
        http.post(`${api}/issue`, () =>
          n++ === 0
            ? HttpResponse.error()
            : HttpResponse.json({ key: 'PLAT-11' }, { status: 201 }),
        ),
      );
      await expect(create()).resolves.toMatchObject({ externalId: 'PLAT-11' });
      expect(delays).toHaveLength(1);
    });
  });
});

describe('markdownToJiraWiki', () => {
  it('converts blocks and inline code, links and bold, escaping braces and brackets', () => {
    expect(
      markdownToJiraWiki(
        [
          '# Title',
          'Use **cache** for `${HOME}/.npm`, see [docs](https://docs.example.com/a?b=1) [1] {x}',
          '- one',
          '  - nested',
          '1. first',
          '~~~dockerfile',
          'RUN echo {a} [b]',
          '~~~',
          '***',
        ].join('\n'),
      ),
    ).toBe(
      [
        'h1. Title',
        'Use *cache* for {{$\\{HOME\\}/.npm}}, see [docs|https://docs.example.com/a?b=1] \\[1\\] \\{x\\}',
        '* one',
        '** nested',
        '# first',
        '{noformat}',
        'RUN echo {a} [b]',
        '{noformat}',
        '----',
      ].join('\n'),
    );
  });
});
