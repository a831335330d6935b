import { Octokit } from '@octokit/rest';
import { APP_FILES, call, useSimulator } from '../__testUtils__/http';

const TOKEN = 'graphql-token';

const getSim = useSimulator({
  token: TOKEN,
  repositories: [
    { name: 'acme/build-notifier', files: APP_FILES },
    { name: 'acme/old-name', files: { 'a.txt': 'a\n' } },
  ],
});

const auth = { authorization: `bearer ${TOKEN}` };

function graphql(body: unknown, headers: Record<string, string> = auth) {
  return call(`${getSim().url}/api/graphql`, {
    method: 'POST',
    body,
    headers,
  });
}

const HEADS = `query Heads($owner: String!) {
  a: repository(owner: $owner, name: "build-notifier") {
    nameWithOwner
    defaultBranchRef { name prefix target { oid } }
    branch: ref(qualifiedName: "refs/heads/feature") { name target { __typename oid } }
    tag: ref(qualifiedName: "refs/tags/feature") { name }
  }
  missing: repository(owner: "acme", name: "nope") { nameWithOwner }
  rateLimit { cost remaining limit }
}`;

describe('GitHub GraphQL', () => {
  beforeAll(() => {
    getSim().createBranch('acme/build-notifier', 'feature');
    getSim().commit('acme/build-notifier', 'feature', { 'b.txt': 'b\n' });
  });

  it('answers the head commit of the default branch and of a branch, null for a missing repository', async () => {
    const sim = getSim();
    sim.state.clearRequests();
    const { status, body, headers } = await graphql({
      query: HEADS,
      variables: { owner: 'acme' },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({
      a: {
        nameWithOwner: 'acme/build-notifier',
        defaultBranchRef: {
          name: 'main',
          prefix: 'refs/heads/',
          target: { oid: sim.state.headSha('acme/build-notifier') },
        },
        branch: {
          name: 'feature',
          target: {
            __typename: 'Commit',
            oid: sim.state.headSha('acme/build-notifier', 'feature'),
          },
        },
        tag: null,
      },
      missing: null,
      rateLimit: { cost: 1, remaining: expect.any(Number), limit: 1_000_000 },
    });
    expect(body.errors).toEqual([
      {
        type: 'NOT_FOUND',
        path: ['missing'],
        locations: [{ line: 8, column: 3 }],
        message: "Could not resolve to a Repository with the name 'acme/nope'.",
      },
    ]);
    expect(headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(headers.get('x-ratelimit-used')).toBe('1');
    expect(sim.state.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/graphql',
        status: 200,
        platform: 'github',
      }),
    ]);
    // its own budget: the REST one is untouched
    expect(sim.rateLimit.snapshot().used).toBe(0);
  });

  it('follows renames unless told not to', async () => {
    const sim = getSim();
    sim.renameRepository('acme/old-name', 'acme/new-name');
    const { body } = await graphql({
      query: `{
        old: repository(owner: "acme", name: "old-name") { nameWithOwner defaultBranchRef { target { oid } } }
        strict: repository(owner: "acme", name: "old-name", followRenames: false) { nameWithOwner }
        renamed: repository(owner: "ACME", name: "New-Name") { nameWithOwner }
      }`,
    });
    expect(body.data).toEqual({
      old: {
        nameWithOwner: 'acme/new-name',
        defaultBranchRef: {
          target: { oid: sim.state.headSha('acme/new-name') },
        },
      },
      strict: null,
      renamed: { nameWithOwner: 'acme/new-name' },
    });
    expect(body.errors).toEqual([
      expect.objectContaining({ type: 'NOT_FOUND', path: ['strict'] }),
    ]);
    // and so does REST, as a client following the redirect sees it
    const rest = await call(`${sim.githubApiUrl}/repos/acme/old-name`, {
      headers: auth,
    });
    expect(rest.body.full_name).toBe('acme/new-name');
  });

  it('answers through Octokit, which derives the endpoint from a GitHub Enterprise base URL', async () => {
    const sim = getSim();
    const octokit = new Octokit({ baseUrl: sim.githubApiUrl, auth: TOKEN });
    const data = await octokit.graphql<{
      repository: { defaultBranchRef: { target: { oid: string } } };
    }>(
      `query($owner: String!, $name: String!) {
        repository(owner: $owner, name: $name) { defaultBranchRef { target { oid } } }
      }`,
      { owner: 'acme', name: 'build-notifier' },
    );
    expect(data.repository.defaultBranchRef.target.oid).toBe(
      sim.state.headSha('acme/build-notifier'),
    );
  });

  it('refuses requests without the token, as the REST API does', async () => {
    const missing = await graphql({ query: '{ rateLimit { remaining } }' }, {});
    expect(missing.status).toBe(401);
    expect(missing.body.message).toBe('Requires authentication');
    const wrong = await graphql(
      { query: '{ rateLimit { remaining } }' },
      { authorization: 'bearer nope' },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('Bad credentials');
  });

  it('answers GraphQL errors, without data, for what it cannot parse or does not know', async () => {
    const parseError = await graphql({ query: '{ repository(owner: "a" }' });
    expect(parseError.status).toBe(200);
    expect(parseError.body.data).toBeUndefined();
    expect(parseError.body.errors[0].message).toMatch(/^Parse error/);

    const unknown = await graphql({
      query: '{ repository(owner: "acme", name: "build-notifier") { stars } }',
    });
    expect(unknown.body).toEqual({
      errors: [
        expect.objectContaining({
          path: ['query', 'repository', 'stars'],
          extensions: {
            code: 'undefinedField',
            typeName: 'Repository',
            fieldName: 'stars',
          },
          message: "Field 'stars' doesn't exist on type 'Repository'",
        }),
      ],
    });

    const cases: Array<[unknown, RegExp]> = [
      [{}, /A query attribute must be specified/],
      [
        { query: '{ repository(name: "x") { name } }' },
        /missing required arguments: owner/,
      ],
      [
        { query: '{ repository(owner: "a", name: "b") }' },
        /must have selections/,
      ],
      [
        { query: '{ rateLimit { cost { x } } }' },
        /Selections can't be made on scalars/,
      ],
      [{ query: 'mutation { rateLimit { cost } }' }, /queries only/],
      [
        { query: '{ ...F } fragment F on Query { rateLimit { cost } }' },
        /Fragments are not supported/,
      ],
      [
        { query: 'query($n: String!) { rateLimit { cost } }' },
        /\$n of type String! was provided invalid value/,
      ],
      [
        { query: '{ repository(owner: $o, name: "b") { name } }' },
        /\$o is used by anonymous query but not declared/,
      ],
      [
        { query: '{ repository(owner: "a", name: "b", first: 1) { name } }' },
        /doesn't accept argument 'first'/,
      ],
    ];
    for (const [body, message] of cases) {
      const answer = await graphql(body);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors[0].message).toMatch(message);
    }
  });

  it('answers RATE_LIMITED when the GraphQL budget is spent', async () => {
    const sim = getSim();
    sim.graphqlRateLimit.set({ remaining: 0 });
    try {
      const { status, body, headers } = await graphql({
        query: '{ rateLimit { remaining } }',
      });
      expect(status).toBe(200);
      expect(body.errors).toEqual([
        expect.objectContaining({ type: 'RATE_LIMITED' }),
      ]);
      expect(headers.get('x-ratelimit-remaining')).toBe('0');
      expect(headers.get('x-ratelimit-resource')).toBe('graphql');
    } finally {
      sim.graphqlRateLimit.set({ remaining: 1_000_000 });
    }
  });

  it('is POST only', async () => {
    const { status } = await call(`${getSim().url}/api/graphql`, {
      headers: auth,
    });
    expect(status).toBe(404);
  });
});
