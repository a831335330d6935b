import { TestDatabases } from '@backstage/backend-test-utils';
import { target } from '../database/testData';
import {
  startScmSimulator,
  type ScmSimulator,
} from '@buildcache/scm-simulator';
import {
  SIMULATOR_TOKEN,
  simulatorIntegrations,
} from '../__testUtils__/simulatedBackend';
import { simulatedScanRunner } from '../__testUtils__/simulatedScanRunner';
import { GithubHeads } from './githubHeads';
import { GitlabHeads, gitlabHeadTarget } from './gitlabHeads';
import { combineHeadLookups } from './headLookup';

jest.setTimeout(60_000);

/**
 * An unchanged rescan of GitLab projects through Backstage's real GitLab
 * URL reader against the simulator: with the batched head lookups, the
 * projects cost one GraphQL query in all and no readTree request each; a
 * commit under a URL's path is scanned, one elsewhere on its branch is
 * not; a failed GraphQL query leaves every project to readTree.
 */
describe('batched head lookups on GitLab', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sim: ScmSimulator;

  beforeEach(async () => {
    sim = await startScmSimulator({ token: SIMULATOR_TOKEN, gitlabPort: 0 });
    await sim.addRepository({
      name: 'acme/api',
      files: { Dockerfile: 'FROM node:22\n' },
    });
    await sim.addRepository({
      name: 'group/sub/svc',
      files: { Dockerfile: 'FROM node:22\n' },
    });
    await sim.addRepository({
      name: 'group/jobs',
      files: {
        'services/jobs/Dockerfile': 'FROM node:22\n',
        'other/Dockerfile': 'FROM node:22\n',
      },
    });
    sim.createBranch('group/jobs', 'release');
  });

  afterEach(() => sim.close());

  async function setup() {
    const { runner, store, integrations } = await simulatedScanRunner({
      knex: await databases.init('SQLITE_3'),
      integrations: {
        ...simulatorIntegrations(sim),
        gitlab: [
          {
            host: new URL(sim.gitlabUrl).host,
            apiBaseUrl: sim.gitlabApiUrl,
            baseUrl: sim.gitlabUrl,
            token: SIMULATOR_TOKEN,
          },
        ],
      },
      heads: (scm, logger) =>
        combineHeadLookups([
          new GithubHeads({ integrations: scm, logger }),
          new GitlabHeads({ integrations: scm, logger }),
        ]),
    });
    const targets = [
      target('api', { sourceUrl: `${sim.gitlabUrl}/acme/api` }),
      target('svc', {
        sourceUrl: `${sim.gitlabUrl}/group/sub/svc/-/tree/main/`,
      }),
      target('jobs', {
        sourceUrl: `${sim.gitlabUrl}/group/jobs/-/tree/release/services/jobs`,
      }),
    ];
    await store.upsertServices(targets);
    return { runner, targets, integrations };
  }

  const gitlab = () => sim.state.requests.filter(r => r.platform === 'gitlab');
  const graphql = () => gitlab().filter(r => r.path === '/api/graphql');
  const rest = () => gitlab().filter(r => r.path.startsWith('/api/v4/'));
  const lookups = () => rest().filter(r => r.path.includes('/commits?'));
  const archives = () => rest().filter(r => r.path.includes('/archive?'));

  it('asks for what readTree compares the ETag with', async () => {
    const { runner, targets, integrations } = await setup();
    await runner.scanAll(targets);
    // the reader's commits lookups name the same project, ref and path
    const asked = lookups().map(r => {
      const url = new URL(r.path, sim.gitlabUrl);
      const project = decodeURIComponent(url.pathname.split('/')[4]);
      return [
        project,
        url.searchParams.get('ref_name'),
        url.searchParams.get('path') ?? '',
      ];
    });
    const mapped = targets.map(t => {
      const head = gitlabHeadTarget(t.sourceUrl!, integrations)!;
      return [head.fullPath, head.ref ?? 'main', head.path];
    });
    expect(asked).toEqual(expect.arrayContaining(mapped));
    expect(asked).toHaveLength(mapped.length);
  });

  it('makes no readTree request for an unchanged project, and still scans a changed one', async () => {
    const { runner, targets } = await setup();
    expect(await runner.scanAll(targets)).toMatchObject({ succeeded: 3 });

    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({
      succeeded: 0,
      unchanged: 3,
      failed: 0,
    });
    expect(graphql()).toHaveLength(1);
    expect(rest()).toEqual([]);

    // a commit beside the URL's path leaves its last commit as it was
    sim.commit('group/jobs', 'release', { 'other/a.txt': 'a\n' });
    const pushed = sim.commit('group/sub/svc', 'main', { 'a.txt': 'a\n' });
    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({
      succeeded: 1,
      unchanged: 2,
    });
    expect(graphql()).toHaveLength(1);
    expect(lookups().map(r => r.path)).toEqual([
      '/api/v4/projects/group%2Fsub%2Fsvc/repository/commits?ref_name=main',
    ]);
    expect(archives().map(r => r.path)).toEqual([
      '/api/v4/projects/group%2Fsub%2Fsvc/repository/archive?sha=main',
    ]);
    expect(pushed).toMatch(/^[0-9a-f]{40}$/);

    sim.commit('group/jobs', 'release', {
      'services/jobs/Dockerfile': 'FROM node:24\n',
    });
    sim.state.clearRequests();
    expect(await runner.scanAll(targets)).toMatchObject({
      succeeded: 1,
      unchanged: 2,
    });
    expect(archives().map(r => r.path)).toEqual([
      '/api/v4/projects/group%2Fjobs/repository/archive?sha=release&path=services%2Fjobs',
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
    expect(await runner.scanAll(targets)).toMatchObject({ unchanged: 3 });
    expect(graphql()).toEqual([expect.objectContaining({ fault: true })]);
    expect(lookups()).toHaveLength(3);
    expect(archives()).toEqual([]);
  });
});
