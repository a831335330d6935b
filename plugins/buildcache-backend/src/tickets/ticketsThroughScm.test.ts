import { TestDatabases } from '@backstage/backend-test-utils';
import {
  startScmSimulator,
  type ScmSimulator,
} from '@buildcache/scm-simulator';
import request from 'supertest';
import {
  SIMULATOR_TOKEN,
  startSimulatedBackend,
} from '../__testUtils__/simulatedBackend';
import { pollUntil, waitForScan } from '../__testUtils__/testBackend';

jest.setTimeout(180_000);

/**
 * The whole path against the loopback SCM simulator: two backend instances
 * on one database read the repositories through Backstage's real GitHub URL
 * reader, and file issues and fix pull requests through the real GitHub
 * provider (Octokit). Asserted on what the simulated GitHub holds.
 */

const DOCKERFILE = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install -r requirements.txt',
  'COPY . .',
  'CMD ["python", "app.py"]',
  '',
].join('\n');

const REF = (name: string) => `component:default/${name}`;
const TICKETS = (name: string) =>
  `/api/buildcache/v1/entities/component/default/${name}/tickets`;

describe('tickets through the GitHub API (simulated)', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let sim: ScmSimulator;

  beforeEach(async () => {
    sim = await startScmSimulator({
      token: SIMULATOR_TOKEN,
      repositories: ['payments', 'orders'].map(name => ({
        name: `acme/${name}`,
        files: { Dockerfile: DOCKERFILE, 'requirements.txt': 'flask\n' },
      })),
    });
  });

  afterEach(() => sim.close());

  it.each(databases.eachSupportedId())(
    'files one issue and one fix PR from two instances, refuses stale files, syncs merged and fixed (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const instance = () =>
        startSimulatedBackend({
          sim,
          knex,
          names: ['payments', 'orders'],
          buildcache: {
            tickets: {
              syncSchedule: {
                frequency: { seconds: 2 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        });
      const a = await instance();
      const b = await instance();
      try {
        for (const name of ['payments', 'orders']) {
          const scan = await request(a.server).post(
            `/api/buildcache/v1/entities/component/default/${name}/scan`,
          );
          expect(await waitForScan(a.server, scan.body.scanId)).toBe(
            'succeeded',
          );
        }

        // twenty clicks on two instances: one issue
        const clicks = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            request((i % 2 ? a : b).server)
              .post(TICKETS('payments'))
              .send({ kind: 'issue' }),
          ),
        );
        expect(clicks.filter(r => r.status >= 400).map(r => r.body)).toEqual(
          [],
        );
        expect(clicks.filter(r => r.body.outcome === 'created')).toHaveLength(
          1,
        );
        const issues = sim.state.issues('acme/payments');
        expect(issues).toHaveLength(1);
        expect(issues[0].body).toContain('BC1005');
        expect(issues[0].body).toContain(
          `${sim.url}/acme/payments/blob/main/Dockerfile#L4`,
        );

        // a fix PR on its own branch, with the combined fix committed
        const pr = await request(b.server)
          .post(TICKETS('payments'))
          .send({ kind: 'pull-request' });
        expect(pr.status).toBe(201);
        const [pull] = sim.state.pulls('acme/payments');
        expect(pull).toMatchObject({
          head: pr.body.tickets[0].branch,
          base: 'main',
        });
        const patched = sim.state.readFile(
          'acme/payments',
          'Dockerfile',
          pr.body.tickets[0].branch,
        );
        expect(patched).toContain('# syntax=docker/dockerfile:1');
        expect(patched).toContain('--mount=type=cache');
        expect(sim.state.readFile('acme/payments', 'Dockerfile', 'main')).toBe(
          DOCKERFILE,
        );
        // the PR links the open issue about the same file
        expect(pull.body).toContain(
          `${sim.url}/acme/payments/issues/${issues[0].number}`,
        );

        // the file changed on main since the scan: refused, nothing created
        sim.commit('acme/orders', 'main', {
          Dockerfile: DOCKERFILE.replace('3.12', '3.13'),
        });
        const stale = await request(a.server)
          .post(TICKETS('orders'))
          .send({ kind: 'pull-request' });
        expect(stale.status).toBe(409);
        expect(stale.body.error.message).toContain('Dockerfile');
        expect(Object.keys(sim.state.branches('acme/orders'))).toEqual([
          'main',
        ]);
        const orders = await request(a.server).get(
          `/api/buildcache/v1/tickets?entityRef=${encodeURIComponent(
            REF('orders'),
          )}`,
        );
        expect(orders.body.items).toEqual([]);

        // merge the PR, rescan: the sync records the merge and closes the issue
        sim.mergePullRequest('acme/payments', pull.number);
        const rescan = await request(a.server).post(
          '/api/buildcache/v1/entities/component/default/payments/scan',
        );
        expect(await waitForScan(a.server, rescan.body.scanId)).toBe(
          'succeeded',
        );
        const states = await pollUntil(
          async () =>
            (
              await request(a.server).get(
                `/api/buildcache/v1/tickets?entityRef=${encodeURIComponent(
                  REF('payments'),
                )}`,
              )
            ).body.items
              .map((t: any) => `${t.kind}:${t.state}`)
              .sort(),
          s => s.join() === 'issue:closed,pull-request:merged',
        );
        expect(states).toEqual(['issue:closed', 'pull-request:merged']);
        const [closed] = sim.state.issues('acme/payments');
        expect(closed.state).toBe('closed');
        expect(closed.comments[0]?.body ?? '').toContain(
          'no longer finds BC1005 in Dockerfile',
        );
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    },
  );
});
