import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import {
  githubHeadTarget,
  graphqlEndpoint,
  GithubHeads,
  headsQuery,
} from './githubHeads';

const integrations = ScmIntegrations.fromConfig(
  mockServices.rootConfig({
    data: {
      integrations: {
        github: [
          { host: 'github.com', token: 't' },
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
            token: 't',
          },
          {
            host: 'proxied.example.com',
            apiBaseUrl: 'https://proxy.example.com/github',
            token: 't',
          },
        ],
      },
    },
  }),
);

describe('githubHeadTarget', () => {
  const base = {
    host: 'github.com',
    apiBaseUrl: 'https://api.github.com',
    owner: 'acme',
    name: 'api',
  };

  it.each([
    ['https://github.com/acme/api', base],
    ['https://github.com/acme/api/', base],
    ['https://github.com/acme/api/tree/main', { ...base, branch: 'main' }],
    ['https://github.com/acme/api/tree/main/', { ...base, branch: 'main' }],
    [
      'https://github.com/acme/api/tree/release-1.x/services/api',
      { ...base, branch: 'release-1.x' },
    ],
    [
      'https://github.com/acme/api/blob/main/catalog-info.yaml',
      { ...base, branch: 'main' },
    ],
    [
      'https://ghe.example.com/acme/api/tree/main/',
      {
        ...base,
        host: 'ghe.example.com',
        apiBaseUrl: 'https://ghe.example.com/api/v3',
        branch: 'main',
      },
    ],
  ])('resolves %s', (url, expected) => {
    expect(githubHeadTarget(url, integrations)).toEqual(expected);
  });

  it.each([
    ['another host', 'https://gitlab.com/acme/api/tree/main'],
    [
      'an API base with no known GraphQL endpoint',
      'https://proxied.example.com/acme/api',
    ],
    ['a commit sha', `https://github.com/acme/api/tree/${'a'.repeat(40)}`],
    ['an abbreviated sha', 'https://github.com/acme/api/tree/deadbeef'],
    ['HEAD', 'https://github.com/acme/api/tree/HEAD'],
    ['an encoded ref', 'https://github.com/acme/api/tree/caf%C3%A9'],
    ['a query', 'https://github.com/acme/api/tree/main?x=1'],
    ['a fragment', 'https://github.com/acme/api/tree/main#x'],
    ['a .git suffix', 'https://github.com/acme/api.git'],
    ['a deeper path', 'https://github.com/acme/api/commits/main'],
    ['a tree without a ref', 'https://github.com/acme/api/tree/'],
    ['only an owner', 'https://github.com/acme'],
    ['not a URL', 'nope'],
  ])('leaves %s to readTree', (_, url) => {
    expect(githubHeadTarget(url, integrations)).toBeUndefined();
  });
});

describe('graphqlEndpoint', () => {
  it('knows github.com and GitHub Enterprise', () => {
    expect(graphqlEndpoint('https://api.github.com')).toBe(
      'https://api.github.com/graphql',
    );
    expect(graphqlEndpoint('https://ghe.example.com/api/v3/')).toBe(
      'https://ghe.example.com/api/graphql',
    );
    expect(graphqlEndpoint('https://proxy.example.com/github')).toBeUndefined();
  });
});

describe('headsQuery', () => {
  it('asks for the branch and a tag of the same name, or the default branch', () => {
    const query = headsQuery([
      {
        alias: 'r0',
        target: {
          ...githubHeadTarget('https://github.com/a/b/tree/dev', integrations)!,
        },
      },
      {
        alias: 'r1',
        target: githubHeadTarget('https://github.com/a/c', integrations)!,
      },
    ]);
    expect(query).toBe(
      [
        'query BuildcacheHeads {',
        '  rateLimit { remaining limit }',
        '  r0: repository(owner: "a", name: "b") { head: ref(qualifiedName: "refs/heads/dev") { target { __typename oid } } tag: ref(qualifiedName: "refs/tags/dev") { name } }',
        '  r1: repository(owner: "a", name: "c") { defaultBranchRef { target { __typename oid } } }',
        '}',
      ].join('\n'),
    );
  });
});

describe('GithubHeads', () => {
  const sha = (c: string) => c.repeat(40);

  /** A fetch answering GraphQL with `answer(query)`, counting the queries. */
  function graphqlFetch(
    answer: (query: string) => { status?: number; body: unknown },
  ) {
    const queries: string[] = [];
    const fetchMock = jest.fn(async (_url: unknown, init?: RequestInit) => {
      const { query } = JSON.parse(String(init?.body));
      queries.push(query);
      const { status = 200, body } = answer(query);
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    });
    return { fetch: fetchMock as unknown as typeof fetch, queries };
  }

  function heads(fetchImpl: typeof fetch, batchSize = 100) {
    return new GithubHeads({
      integrations,
      logger: mockServices.logger.mock(),
      fetch: fetchImpl,
      batchSize,
      parallel: 2,
    });
  }

  const repo = (oid: string) => ({
    defaultBranchRef: { target: { __typename: 'Commit', oid } },
  });

  it('asks once per batch and resolves each URL, duplicates included', async () => {
    const { fetch: f, queries } = graphqlFetch(query => {
      const data: Record<string, unknown> = {
        rateLimit: { remaining: 4999, limit: 5000 },
      };
      for (const [, alias] of query.matchAll(/(r\d+): repository/g))
        data[alias] = repo(sha(alias.slice(1)));
      return { body: { data } };
    });
    const urls = ['a', 'b', 'c'].map(n => `https://github.com/acme/${n}`);
    const cycle = heads(f, 2).startCycle(
      [...urls, 'https://github.com/acme/a/'.replace(/\/$/, '')],
      5_000,
    );
    expect(await Promise.all(urls.map(u => cycle.headOf(u)))).toEqual([
      sha('0'),
      sha('1'),
      sha('0'),
    ]);
    expect(queries).toHaveLength(2);
    expect(await cycle.headOf('https://gitlab.com/x/y')).toBeUndefined();
  });

  it('keeps the found repositories of a batch with missing ones, drops a branch that is also a tag', async () => {
    const { fetch: f } = graphqlFetch(() => ({
      body: {
        data: {
          rateLimit: { remaining: 4999, limit: 5000 },
          r0: repo(sha('a')),
          r1: null,
          r2: {
            head: { target: { __typename: 'Commit', oid: sha('b') } },
            tag: { name: 'dev' },
          },
        },
        errors: [{ type: 'NOT_FOUND', path: ['r1'], message: 'no' }],
      },
    }));
    const cycle = heads(f).startCycle(
      [
        'https://github.com/acme/a',
        'https://github.com/acme/missing',
        'https://github.com/acme/c/tree/dev',
      ],
      5_000,
    );
    expect(await cycle.headOf('https://github.com/acme/a')).toBe(sha('a'));
    expect(
      await cycle.headOf('https://github.com/acme/missing'),
    ).toBeUndefined();
    expect(
      await cycle.headOf('https://github.com/acme/c/tree/dev'),
    ).toBeUndefined();
  });

  it.each([
    ['a server error', { status: 502, body: { message: 'Bad Gateway' } }],
    ['no GraphQL (404)', { status: 404, body: { message: 'Not Found' } }],
    [
      'a spent budget',
      {
        body: {
          errors: [
            { type: 'RATE_LIMITED', message: 'API rate limit exceeded' },
          ],
        },
      },
    ],
    [
      'a validation error',
      { body: { errors: [{ message: "Field 'x' doesn't exist" }] } },
    ],
  ])('resolves nothing after %s', async (_, answer) => {
    const { fetch: f, queries } = graphqlFetch(() => answer);
    const urls = ['a', 'b', 'c'].map(n => `https://github.com/acme/${n}`);
    const cycle = heads(f, 1).startCycle(urls, 5_000);
    for (const url of urls) expect(await cycle.headOf(url)).toBeUndefined();
    // a refusal is not asked again in the cycle; a server error is
    expect(queries.length).toBeGreaterThanOrEqual(1);
  });

  it('stops asking below the reserve of the GraphQL budget', async () => {
    const { fetch: f, queries } = graphqlFetch(() => ({
      body: {
        data: { rateLimit: { remaining: 10, limit: 5000 }, r0: repo(sha('a')) },
      },
    }));
    const lookup = new GithubHeads({
      integrations,
      logger: mockServices.logger.mock(),
      fetch: f,
      batchSize: 1,
      parallel: 1,
    });
    const urls = ['a', 'b', 'c'].map(n => `https://github.com/acme/${n}`);
    const cycle = lookup.startCycle(urls, 5_000);
    expect(await cycle.headOf(urls[0])).toBe(sha('a'));
    expect(await cycle.headOf(urls[2])).toBeUndefined();
    expect(queries).toHaveLength(1);
  });

  it('gives up at the timeout', async () => {
    const never = jest.fn(
      (_url: unknown, init?: RequestInit) =>
        new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () =>
            reject(new Error('aborted')),
          ),
        ),
    );
    const cycle = heads(never as unknown as typeof fetch).startCycle(
      ['https://github.com/acme/a'],
      50,
    );
    expect(await cycle.headOf('https://github.com/acme/a')).toBeUndefined();
  });
});
