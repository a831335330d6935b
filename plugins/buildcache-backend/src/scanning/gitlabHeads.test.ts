import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { GitlabHeads, gitlabHeadsQuery, gitlabHeadTarget } from './gitlabHeads';

const integrations = ScmIntegrations.fromConfig(
  mockServices.rootConfig({
    data: {
      integrations: {
        gitlab: [
          { host: 'gitlab.com', token: 't' },
          {
            host: 'git.example.com',
            apiBaseUrl: 'https://git.example.com/gitlab/api/v4',
            baseUrl: 'https://git.example.com/gitlab',
            token: 't',
          },
          {
            host: 'anon.example.com',
            apiBaseUrl: 'https://anon.example.com/api/v4',
          },
        ],
      },
    },
  }),
);

describe('gitlabHeadTarget', () => {
  const base = {
    host: 'gitlab.com',
    graphqlUrl: 'https://gitlab.com/api/graphql',
    fullPath: 'acme/api',
    path: '',
  };

  it.each([
    ['https://gitlab.com/acme/api', base],
    ['https://gitlab.com/acme/api/', base],
    [
      'https://gitlab.com/acme/platform/api',
      { ...base, fullPath: 'acme/platform/api' },
    ],
    ['https://gitlab.com/acme/api/-/tree/main', { ...base, ref: 'main' }],
    ['https://gitlab.com/acme/api/-/tree/main/', { ...base, ref: 'main' }],
    [
      'https://gitlab.com/acme/sub/api/-/tree/release-1.x/services/api/',
      {
        ...base,
        fullPath: 'acme/sub/api',
        ref: 'release-1.x',
        path: 'services/api',
      },
    ],
    [
      'https://gitlab.com/acme/api/-/blob/main/Dockerfile',
      { ...base, ref: 'main', path: 'Dockerfile' },
    ],
    [
      // a marker after the ref is part of the path
      'https://gitlab.com/acme/api/-/tree/main/docs/-/tree',
      { ...base, ref: 'main', path: 'docs/-/tree' },
    ],
    [
      'https://git.example.com/gitlab/acme/api/-/tree/main/',
      {
        ...base,
        host: 'git.example.com',
        graphqlUrl: 'https://git.example.com/gitlab/api/graphql',
        ref: 'main',
      },
    ],
  ])('resolves %s', (url, expected) => {
    expect(gitlabHeadTarget(url, integrations)).toEqual(expected);
  });

  it.each([
    ['another host', 'https://github.com/acme/api/tree/main'],
    ['a project without a group', 'https://gitlab.com/api'],
    ['a commit sha', `https://gitlab.com/acme/api/-/tree/${'a'.repeat(40)}`],
    ['an abbreviated sha', 'https://gitlab.com/acme/api/-/tree/deadbeef'],
    ['HEAD', 'https://gitlab.com/acme/api/-/tree/HEAD'],
    ['an encoded ref', 'https://gitlab.com/acme/api/-/tree/caf%C3%A9'],
    ['an encoded path', 'https://gitlab.com/acme/api/-/tree/main/a%20b'],
    ['a glob path', 'https://gitlab.com/acme/api/-/tree/main/*.yaml'],
    ['a query', 'https://gitlab.com/acme/api/-/tree/main?x=1'],
    ['a fragment', 'https://gitlab.com/acme/api/-/tree/main#x'],
    ['a tree without a ref', 'https://gitlab.com/acme/api/-/tree/'],
    ['a commits page', 'https://gitlab.com/acme/api/-/commits/main'],
    ['the legacy tree shape', 'https://gitlab.com/acme/api/tree/main'],
    ['a marker in the project path', 'https://gitlab.com/acme/src/api'],
    ['an empty segment', 'https://gitlab.com/acme//api'],
    ['a Bitbucket Server path', 'https://gitlab.com/scm/acme/api'],
    [
      'a path git-url-parse reads as Bitbucket Server',
      'https://gitlab.com/acme/api/-/tree/main/projects/x/repos/y',
    ],
    ['no relative path', 'https://git.example.com/acme/api/-/tree/main'],
  ])('leaves %s to readTree', (_, url) => {
    expect(gitlabHeadTarget(url, integrations)).toBeUndefined();
  });
});

describe('gitlabHeadsQuery', () => {
  it('asks for the last commit of the path on the ref, the root as /', () => {
    const target = {
      host: 'gitlab.com',
      graphqlUrl: 'https://gitlab.com/api/graphql',
    };
    expect(
      gitlabHeadsQuery([
        { alias: 'p0', target: { ...target, fullPath: 'a/b', path: '' } },
        {
          alias: 'p1',
          target: { ...target, fullPath: 'a/"c', ref: 'dev', path: 'x/y' },
        },
      ]),
    ).toBe(
      [
        'query BuildcacheHeads {',
        '  p0: project(fullPath: "a/b") { repository { tree(path: "/") { lastCommit { sha } } } }',
        '  p1: project(fullPath: "a/\\"c") { repository { tree(ref: "dev", path: "x/y") { lastCommit { sha } } } }',
        '}',
      ].join('\n'),
    );
  });
});

describe('GitlabHeads', () => {
  const sha = (c: string) => c.repeat(40);
  let fetchSpy: jest.SpyInstance;

  /** Answers GraphQL with `answer(query)`, recording the requests. */
  function answerWith(
    answer: (query: string) => { status?: number; body: unknown },
  ) {
    const requests: Array<{ url: string; query: string; headers: Headers }> =
      [];
    fetchSpy = jest
      .spyOn(global, 'fetch')
      .mockImplementation(async (input, init) => {
        const { query } = JSON.parse(String(init?.body));
        requests.push({
          url: String(input),
          query,
          headers: new Headers(init?.headers),
        });
        const { status = 200, body } = answer(query);
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      });
    return requests;
  }

  afterEach(() => fetchSpy?.mockRestore());

  const lookup = (batchSize = 25) =>
    new GitlabHeads({
      integrations,
      logger: mockServices.logger.mock(),
      batchSize,
      parallel: 2,
    });

  const project = (value: string) => ({
    repository: { tree: { lastCommit: { sha: value } } },
  });

  /** Every alias of the query answered with sha(<its number>). */
  const everyProject = (query: string) => {
    const data: Record<string, unknown> = {};
    for (const [, alias] of query.matchAll(/(p\d+): project/g))
      data[alias] = project(sha(alias.slice(1)));
    return { body: { data } };
  };

  it('asks once per batch with the integration token and resolves each URL, duplicates included', async () => {
    const requests = answerWith(everyProject);
    const urls = ['a', 'b', 'c'].map(n => `https://gitlab.com/acme/${n}`);
    const cycle = lookup(2).startCycle(
      [...urls, 'https://gitlab.com/acme/a/', 'https://anon.example.com/a/b'],
      5_000,
    );
    expect(await Promise.all(urls.map(u => cycle.headOf(u)))).toEqual([
      sha('0'),
      sha('1'),
      sha('0'),
    ]);
    expect(await cycle.headOf('https://gitlab.com/acme/a/')).toBe(sha('0'));
    // no token: not asked
    expect(await cycle.headOf('https://anon.example.com/a/b')).toBeUndefined();
    expect(requests.map(r => r.url)).toEqual([
      'https://gitlab.com/api/graphql',
      'https://gitlab.com/api/graphql',
    ]);
    expect(requests[0].headers.get('authorization')).toBe('Bearer t');
  });

  it('drops a missing project, one with a field error and a malformed sha, keeps the others', async () => {
    answerWith(() => ({
      body: {
        data: {
          p0: project(sha('a')),
          p1: null,
          p2: { repository: { tree: null } },
          p3: project(sha('d')),
          p4: project('not-a-sha'),
        },
        errors: [{ message: 'Gitaly timeout', path: ['p3', 'repository'] }],
      },
    }));
    const urls = ['a', 'missing', 'empty', 'broken', 'odd'].map(
      n => `https://gitlab.com/acme/${n}`,
    );
    const cycle = lookup().startCycle(urls, 5_000);
    expect(await Promise.all(urls.map(u => cycle.headOf(u)))).toEqual([
      sha('a'),
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each([
    ['a server error', { status: 502, body: { message: 'Bad Gateway' } }, 3],
    ['unauthorized', { status: 401, body: { message: '401 Unauthorized' } }, 1],
    ['no GraphQL (404)', { status: 404, body: { message: 'Not Found' } }, 1],
    [
      'a refused complexity',
      {
        body: {
          errors: [
            {
              message:
                'Query has complexity of 300, which exceeds max complexity of 250',
            },
          ],
        },
      },
      3,
    ],
  ])('resolves nothing after %s', async (_, answer, asked) => {
    const requests = answerWith(() => answer);
    const urls = ['a', 'b', 'c'].map(n => `https://gitlab.com/acme/${n}`);
    const cycle = new GitlabHeads({
      integrations,
      logger: mockServices.logger.mock(),
      batchSize: 1,
      parallel: 1,
    }).startCycle(urls, 5_000);
    for (const url of urls) expect(await cycle.headOf(url)).toBeUndefined();
    // a refusal is not asked again in the cycle, a failure is
    expect(requests).toHaveLength(asked);
  });

  it('gives up at the timeout', async () => {
    fetchSpy = jest
      .spyOn(global, 'fetch')
      .mockImplementation(
        (_input, init) =>
          new Promise<Response>((_, reject) =>
            init?.signal?.addEventListener('abort', () =>
              reject(new Error('aborted')),
            ),
          ),
      );
    const cycle = lookup().startCycle(['https://gitlab.com/acme/a'], 50);
    expect(await cycle.headOf('https://gitlab.com/acme/a')).toBeUndefined();
  });
});
