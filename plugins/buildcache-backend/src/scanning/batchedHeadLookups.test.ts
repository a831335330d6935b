import { TestDatabases } from '@backstage/backend-test-utils';
import { target } from '../database/testData';
import {
  startScmSimulator,
  type ScmSimulator,
} from '@buildcache/scm-simulator';
import { simulatorIntegrations } from '../__testUtils__/simulatedBackend';
import { simulatedScanRunner } from '../__testUtils__/simulatedScanRunner';
import { GithubHeads } from './githubHeads';

jest.setTimeout(60_000);

/**
 * An unchanged rescan through Backstage's real GitHub URL reader against
 * the simulator: with the batched head lookups, the GitHub repositories
 * cost one GraphQL query in all and no readTree lookup each; a pushed
 * commit is still scanned; a failed GraphQL query leaves every repository
 * to readTree.
 */
describe('batched head lookups', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sim: ScmSimulator;

  beforeEach(async () => {
    sim = await startScmSimulator({ token: 'test-token' });
    for (const name of ['api', 'web', 'jobs', 'tagged']) {
      await sim.addRepository({
        name: `acme/${name}`,
        files: { Dockerfile: 'FROM node:22\n' },
      });
    }
    sim.createBranch('acme/jobs', 'release');
    sim.createBranch('acme/tagged', 'dev');
  });

  afterEach(() => sim.close());

  async function setup() {
    const { runner, store } = await simulatedScanRunner({
      knex: await databases.init('SQLITE_3'),
      integrations: simulatorIntegrations(sim),
      heads: (integrations, logger) =>
        new GithubHeads({ integrations, logger }),
    });
    const targets = [
      target('api', { sourceUrl: `${sim.url}/acme/api/tree/main/` }),
      target('web', { sourceUrl: `${sim.url}/acme/web` }),
      target('jobs', { sourceUrl: `${sim.url}/acme/jobs/tree/release/` }),
      target('tagged', { sourceUrl: `${sim.url}/acme/tagged/tree/dev` }),
    ];
    await store.upsertServices(targets);
    return { runner, targets };
  }

  const github = () => sim.state.requests.filter(r => r.platform === 'github');
  const lookups = () => github().filter(r => r.path.includes('/commits/'));
  const archives = () => github().filter(r => r.path.includes('/tarball/'));
  const graphql = () => github().filter(r => r.path === '/api/graphql');

  it('makes no readTree lookup for an unchanged repository, and still scans a changed one', async () => {
    const { runner, targets } = await setup();
    expect(await runner.scanAll(targets)).toMatchObject({ succeeded: 4 });

    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({
      succeeded: 0,
      unchanged: 4,
      failed: 0,
    });
    expect(graphql()).toHaveLength(1);
    expect(lookups()).toEqual([]);
    expect(archives()).toEqual([]);
    expect(github()).toHaveLength(1);

    const pushed = sim.commit('acme/jobs', 'release', { 'a.txt': 'a\n' });
    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({
      succeeded: 1,
      unchanged: 3,
    });
    expect(graphql()).toHaveLength(1);
    expect(lookups().map(r => r.path)).toEqual([
      '/api/v3/repos/acme/jobs/commits/release/status?per_page=0',
    ]);
    expect(archives().map(r => r.path)).toEqual([
      `/api/v3/repos/acme/jobs/tarball/${pushed}`,
    ]);
  });

  it.each([
    ['a server error', { status: 502 }],
    ['no GraphQL endpoint', { status: 404 }],
  ])('falls back to readTree after %s', async (_, fault) => {
    const { runner, targets } = await setup();
    await runner.scanAll(targets);

    sim.faults.next({ pathPattern: '/api/graphql', ...fault });
    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({ unchanged: 4 });
    expect(graphql()).toEqual([expect.objectContaining({ fault: true })]);
    expect(lookups()).toHaveLength(4);
    expect(archives()).toEqual([]);
  });

  it('falls back to readTree when the GraphQL budget is spent', async () => {
    const { runner, targets } = await setup();
    await runner.scanAll(targets);

    sim.graphqlRateLimit.set({ remaining: 0 });
    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({ unchanged: 4 });
    expect(lookups()).toHaveLength(4);
  });

  it('reads a repository whose branch name is also a tag name', async () => {
    const { runner, targets } = await setup();
    await runner.scanAll(targets);
    // GitHub's answer when acme/tagged has a tag `dev` beside its branch
    // (the simulator makes no tags): readTree's ref is ambiguous, so it reads
    sim.faults.next({
      pathPattern: '/api/graphql',
      status: 200,
      body: {
        data: {
          rateLimit: { remaining: 4999, limit: 5000 },
          r0: {
            head: {
              target: {
                __typename: 'Commit',
                oid: sim.state.headSha('acme/api'),
              },
            },
            tag: null,
          },
          r1: {
            defaultBranchRef: {
              target: {
                __typename: 'Commit',
                oid: sim.state.headSha('acme/web'),
              },
            },
          },
          r2: {
            head: {
              target: {
                __typename: 'Commit',
                oid: sim.state.headSha('acme/jobs', 'release'),
              },
            },
            tag: null,
          },
          r3: {
            head: {
              target: {
                __typename: 'Commit',
                oid: sim.state.headSha('acme/tagged', 'dev'),
              },
            },
            tag: { name: 'dev' },
          },
        },
      },
    });
    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({ unchanged: 4 });
    expect(lookups().map(r => r.path)).toEqual([
      '/api/v3/repos/acme/tagged/commits/dev/status?per_page=0',
    ]);
  });
});
