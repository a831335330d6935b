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
import { waitForScan } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

/**
 * A failing SCM never costs a service its result: through the real GitHub
 * URL reader against the simulator, a scan that meets a server error, a
 * missing repository, a rejected token or a dropped connection fails with
 * the reason, the last good result stays on the scorecard marked stale with
 * that reason, the other services keep scanning, and the next good read
 * clears it.
 */

const DOCKERFILE = 'FROM python:3.12\nRUN pip install -r requirements.txt\n';
const SCAN = (name: string) =>
  `/api/buildcache/v1/entities/component/default/${name}/scan`;
const SCORECARD = (name: string) =>
  `/api/buildcache/v1/entities/component/default/${name}/scorecard`;

const FAULTS: Array<{
  name: string;
  fault: Parameters<ScmSimulator['faults']['next']>[0];
  reason: RegExp;
}> = [
  {
    name: '503 on the archive',
    fault: {
      pathPattern: '*/acme/payments/tarball/*',
      status: 503,
      times: Infinity,
    },
    reason: /503|Service Unavailable/i,
  },
  {
    name: 'a dropped connection',
    fault: {
      pathPattern: '*/acme/payments/tarball/*',
      destroySocket: true,
      times: Infinity,
    },
    reason: /socket|ECONNRESET|closed|terminated|fetch failed/i,
  },
  {
    name: 'a hang past the read timeout',
    fault: {
      pathPattern: '*/acme/payments/tarball/*',
      delayMs: 6_000,
      times: Infinity,
    },
    reason: /timed out|timeout|abort/i,
  },
  {
    name: 'a truncated archive',
    fault: {
      pathPattern: '*/acme/payments/tarball/*',
      status: 200,
      headers: { 'content-type': 'application/x-gzip' },
      // a gzip header and nothing after it
      body: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]),
      times: Infinity,
    },
    reason:
      /unexpected end|truncated|incorrect header|TAR_BAD_ARCHIVE|zlib|gzip/i,
  },
  {
    name: '401 for the token',
    fault: {
      pathPattern: '/api/v3/repos/acme/payments/*',
      status: 401,
      times: Infinity,
    },
    reason: /401|Unauthorized|credentials/i,
  },
  {
    name: '404 for the repository',
    fault: {
      pathPattern: '/api/v3/repos/acme/payments/*',
      status: 404,
      times: Infinity,
    },
    reason: /404|not found/i,
  },
];

describe('scans against a failing SCM', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sim: ScmSimulator;

  beforeEach(async () => {
    sim = await startScmSimulator({
      token: SIMULATOR_TOKEN,
      repositories: ['payments', 'orders'].map(name => ({
        name: `acme/${name}`,
        files: { Dockerfile: DOCKERFILE },
      })),
    });
  });

  afterEach(() => sim.close());

  it.each(FAULTS)(
    '$name: the last good result stays, stale with the reason',
    async ({ fault, reason }) => {
      const knex = await databases.init('SQLITE_3');
      const backend = await startSimulatedBackend({
        sim,
        knex,
        names: ['payments', 'orders'],
        buildcache: { limits: { readTimeoutSeconds: 2 } },
      });
      const server = backend.server;
      try {
        const scan = async (name: string) =>
          waitForScan(
            server,
            (await request(server).post(SCAN(name))).body.scanId,
          );
        expect(await scan('payments')).toBe('succeeded');
        const good = (await request(server).get(SCORECARD('payments'))).body;
        expect(good).toMatchObject({ stale: false, score: expect.any(Number) });

        // a new commit, so the next scan must read; then the SCM fails
        sim.commit('acme/payments', 'main', { 'README.md': 'changed\n' });
        sim.faults.next(fault);
        expect(await scan('payments')).toBe('failed');
        const stale = (await request(server).get(SCORECARD('payments'))).body;
        expect(stale).toMatchObject({
          stale: true,
          score: good.score,
          level: good.level,
          findings: good.findings,
          lastScan: { status: 'failed', error: expect.stringMatching(reason) },
        });

        // the other services keep scanning
        expect(await scan('orders')).toBe('succeeded');

        // the SCM recovers: the next scan clears the stale mark
        sim.faults.clear();
        expect(await scan('payments')).toBe('succeeded');
        expect(
          (await request(server).get(SCORECARD('payments'))).body.stale,
        ).toBe(false);
      } finally {
        await backend.stop();
      }
    },
  );
});

describe('reads retried after a transient SCM failure', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sim: ScmSimulator;
  let backend: Awaited<ReturnType<typeof startSimulatedBackend>>;

  const scan = async (name: string) =>
    waitForScan(
      backend.server,
      (await request(backend.server).post(SCAN(name))).body.scanId,
    );
  const requestsTo = (pattern: RegExp) =>
    sim.state.requests.filter(r => pattern.test(r.path));

  beforeEach(async () => {
    sim = await startScmSimulator({
      token: SIMULATOR_TOKEN,
      repositories: [
        { name: 'acme/payments', files: { Dockerfile: DOCKERFILE } },
      ],
    });
    backend = await startSimulatedBackend({
      sim,
      knex: await databases.init('SQLITE_3'),
      names: ['payments'],
      // long enough that no retry here is cut short by the read timeout
      buildcache: { limits: { readTimeoutSeconds: 60 } },
    });
    const first = await scan('payments');
    if (first !== 'succeeded') throw new Error(`first scan ${first}`);
    // a new commit, so the next scan must read the archive again
    sim.commit('acme/payments', 'main', { 'README.md': 'changed\n' });
  });

  afterEach(async () => {
    await backend.stop();
    await sim.close();
  });

  it('a 503 twice, then the archive: the scan succeeds, not stale', async () => {
    sim.faults.next({
      pathPattern: '*/acme/payments/tarball/*',
      status: 503,
      times: 2,
    });
    const before = requestsTo(/\/tarball\//).length;
    expect(await scan('payments')).toBe('succeeded');
    expect(
      requestsTo(/\/tarball\//)
        .slice(before)
        .map(r => r.status),
    ).toEqual([503, 503, 200]);
    const scorecard = (await request(backend.server).get(SCORECARD('payments')))
      .body;
    expect(scorecard).toMatchObject({
      stale: false,
      lastScan: { error: null },
    });
  });

  it.each([
    ['429', 429],
    ['403 secondary rate limit', 403],
  ])(
    'a %s with Retry-After: 1: waits that long, then succeeds',
    async (_name, status) => {
      sim.faults.next({
        pathPattern: '/api/v3/repos/acme/payments/commits/*',
        status,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      });
      const before = requestsTo(/\/commits\/main\/status/).length;
      expect(await scan('payments')).toBe('succeeded');
      const [refused, retried] = requestsTo(/\/commits\/main\/status/).slice(
        before,
      );
      expect([refused.status, retried?.status]).toEqual([status, 200]);
      expect(retried.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(
        1000,
      );
      expect(
        (await request(backend.server).get(SCORECARD('payments'))).body.stale,
      ).toBe(false);
    },
  );

  it('a 401 fails at once, with the reason', async () => {
    sim.faults.next({
      pathPattern: '/api/v3/repos/acme/payments/*',
      status: 401,
      times: Infinity,
    });
    const before = requestsTo(/\/repos\/acme\/payments/).length;
    expect(await scan('payments')).toBe('failed');
    expect(requestsTo(/\/repos\/acme\/payments/).slice(before)).toHaveLength(1);
    expect(
      (await request(backend.server).get(SCORECARD('payments'))).body,
    ).toMatchObject({
      stale: true,
      lastScan: {
        status: 'failed',
        error: expect.stringMatching(/401 Unauthorized/),
      },
    });
  });
});
