import { APP_FILES, call, useSimulator } from '../__testUtils__/http';

const TOKEN = 'gitlab-graphql-token';
const PROJECT = 'platform/tools/build-notifier';

const getSim = useSimulator({
  token: TOKEN,
  gitlabPort: 0,
  repositories: [{ name: PROJECT, files: APP_FILES }],
});

function graphql(
  query: string,
  headers: Record<string, string> = { 'private-token': TOKEN },
) {
  return call(`${getSim().gitlabUrl}/api/graphql`, {
    method: 'POST',
    body: { query },
    headers,
  });
}

const lastCommit = (alias: string, args: string, fullPath = PROJECT) =>
  `${alias}: project(fullPath: "${fullPath}") { repository { rootRef tree(${args}) { lastCommit { sha } } } }`;

describe('GitLab GraphQL', () => {
  it('answers the last commit of a path on a ref, the head for the root, null for a missing project', async () => {
    const sim = getSim();
    const first = sim.state.headSha(PROJECT)!;
    sim.createBranch(PROJECT, 'feature');
    const docs = sim.commit(PROJECT, 'feature', { 'docs/a.md': 'a\n' });
    const head = sim.commit(PROJECT, 'feature', { 'src/b.ts': 'b\n' });
    sim.state.clearRequests();

    const { status, body } = await graphql(`query {
      ${lastCommit('root', 'path: "/"')}
      ${lastCommit('main', 'ref: "main", path: ""')}
      ${lastCommit('branch', 'ref: "feature"')}
      ${lastCommit('docs', 'ref: "feature", path: "docs"')}
      ${lastCommit('file', 'ref: "feature", path: "Dockerfile"')}
      ${lastCommit('gone', 'ref: "feature", path: "nope"')}
      ${lastCommit('noRef', 'ref: "nope", path: "/"')}
      ${lastCommit('missing', 'path: "/"', 'platform/tools/nope')}
    }`);
    expect(status).toBe(200);
    const tree = (sha: string | null, rootRef = 'main') => ({
      repository: {
        rootRef,
        tree: { lastCommit: sha === null ? null : { sha } },
      },
    });
    expect(body).toEqual({
      data: {
        root: tree(first),
        main: tree(first),
        branch: tree(head),
        docs: tree(docs),
        file: tree(first),
        gone: tree(null),
        noRef: { repository: { rootRef: 'main', tree: null } },
        missing: null,
      },
    });
    expect(sim.state.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/graphql',
        platform: 'gitlab',
        status: 200,
      }),
    ]);
  });

  it('authenticates like the REST routes', async () => {
    const query = `{ ${lastCommit('p', 'path: "/"')} }`;
    expect(
      (await graphql(query, { authorization: `Bearer ${TOKEN}` })).body.data.p,
    ).not.toBeNull();
    const refused = await graphql(query, { 'private-token': 'wrong' });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: '401 Unauthorized' });
  });

  it('refuses a query above the complexity limit, and unknown fields', async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      lastCommit(`p${i}`, 'path: "/"'),
    ).join('\n');
    const refused = await graphql(`{ ${many} }`);
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      errors: [
        {
          message:
            'Query has complexity of 360, which exceeds max complexity of 250',
        },
      ],
    });
    const unknown = await graphql(
      `{ p: project(fullPath: "${PROJECT}") { nope } }`,
    );
    expect(unknown.body.errors[0].message).toBe(
      "Field 'nope' doesn't exist on type 'Project'",
    );
    expect(unknown.body.data).toBeUndefined();
  });

  it('leaves /api/graphql on the main port to GitHub', async () => {
    const sim = getSim();
    const { body } = await call(`${sim.url}/api/graphql`, {
      method: 'POST',
      body: { query: '{ rateLimit { limit } }' },
      headers: { authorization: `bearer ${TOKEN}` },
    });
    expect(body.data.rateLimit.limit).toBeGreaterThan(0);
  });
});
