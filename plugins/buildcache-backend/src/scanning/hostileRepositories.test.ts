import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createTarball,
  startScmSimulator,
  type ScmSimulator,
} from '@buildcache/scm-simulator';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import {
  SIMULATOR_TOKEN,
  startSimulatedBackend,
} from '../__testUtils__/simulatedBackend';
import { waitForScan } from '../__testUtils__/testBackend';

jest.setTimeout(900_000);

/**
 * Hostile repositories through the real scan path (GitHub URL reader on the
 * SCM simulator, archive extraction, analysis, storage): each one ends in a
 * finished scan with BC9001/BC9002 naming the file, or a failed scan naming
 * the problem; nothing outside the repository is read; a normal service
 * scanned afterwards still scans.
 */

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...'bcdefghi'
    .split('')
    .map(
      (k, i) =>
        `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`,
    ),
  'on: push',
  'jobs: { build: { runs-on: ubuntu-latest, steps: [ { run: "docker build ." } ] } }',
].join('\n');

const deepYaml = `${'a:\n'.repeat(1)}${Array.from(
  { length: 1000 },
  (_, i) => `${'  '.repeat(i + 1)}k${i}:`,
).join('\n')} 1\n`;

const longRun = `FROM debian:12\nRUN apt-get update \\\n${Array.from(
  { length: 10_000 },
  (_, i) => `  && echo ${i} \\`,
).join('\n')}\n  && true\n`;

/** A path leaving the repository: a `..` segment, or absolute. */
const ESCAPING = /(^|\/)\.\.(\/|$)|^\//;

const binary = Buffer.alloc(4096);
for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;

type Case = {
  name: string;
  files?: Record<string, string | Buffer | { content: string; mode: '120000' }>;
  /** An archive served instead of the repository's own. */
  archive?: () => Promise<Buffer>;
  verify: (result: {
    status: string;
    scorecard: any;
    error: string | null;
  }) => void;
};

const finding = (scorecard: any, ruleId: string, path: string) =>
  scorecard.findings.find((f: any) => f.ruleId === ruleId && f.path === path);

/** 5,000 workflow files: ten times limits.maxFiles (500). */
const manyWorkflows = Object.fromEntries(
  Array.from({ length: 5000 }, (_, i) => [
    `.github/workflows/w${String(i).padStart(4, '0')}.yml`,
    `name: w${i}\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build .\n`,
  ]),
);

const CASES: Case[] = [
  {
    name: 'yaml-alias-bomb',
    files: {
      '.github/workflows/ci.yml': aliasBomb,
      Dockerfile: 'FROM alpine\n',
    },
    verify: ({ status, scorecard }) => {
      // analyzed without expanding the aliases (or refused as BC9001)
      expect(status).toBe('succeeded');
      expect(
        scorecard.findings.some(
          (f: any) => f.path === '.github/workflows/ci.yml',
        ),
      ).toBe(true);
    },
  },
  {
    name: 'huge-dockerfile',
    files: { Dockerfile: `FROM alpine\n${'# padding\n'.repeat(600_000)}` },
    verify: ({ status, scorecard }) => {
      expect(status).toBe('succeeded');
      expect(finding(scorecard, 'BC9002', 'Dockerfile')).toBeDefined();
    },
  },
  {
    name: 'binary-dockerfile',
    files: { Dockerfile: binary },
    verify: ({ status, scorecard }) => {
      expect(status).toBe('succeeded');
      expect(
        finding(scorecard, 'BC9001', 'Dockerfile') ??
          finding(scorecard, 'BC9002', 'Dockerfile'),
      ).toBeDefined();
    },
  },
  {
    name: 'invalid-utf8',
    files: {
      Dockerfile: Buffer.concat([
        Buffer.from('FROM alpine\nRUN echo '),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('\n'),
      ]),
    },
    verify: ({ status, scorecard }) => {
      expect(status).toBe('succeeded');
      expect(scorecard.files.map((f: any) => f.path)).toContain('Dockerfile');
    },
  },
  {
    name: 'long-run-continuation',
    files: { Dockerfile: longRun },
    verify: ({ status, scorecard }) => {
      expect(status).toBe('succeeded');
      expect(finding(scorecard, 'BC1001', 'Dockerfile')).toBeDefined();
    },
  },
  {
    name: 'deep-yaml',
    files: { '.gitlab-ci.yml': deepYaml, Dockerfile: 'FROM alpine\n' },
    verify: ({ status, scorecard }) => {
      expect(status).toBe('succeeded');
      expect(scorecard.files.map((f: any) => f.path)).toContain('Dockerfile');
    },
  },
  {
    name: 'many-workflows',
    files: { ...manyWorkflows, Dockerfile: 'FROM alpine\n' },
    verify: ({ status, scorecard }) => {
      // 500 analyzed, and one BC9002 standing for the 4,501 over the limit
      // (not a file and a finding each)
      expect({
        status,
        files: scorecard.files.length,
        skipped: scorecard.findings.filter((f: any) => f.ruleId === 'BC9002'),
      }).toEqual({
        status: 'succeeded',
        files: 501,
        skipped: [
          expect.objectContaining({
            message: expect.stringContaining(
              'the first of 4501 build files over the limit of 500',
            ),
          }),
        ],
      });
    },
  },
  {
    name: 'symlink-to-passwd',
    files: {
      Dockerfile: { content: '/etc/passwd', mode: '120000' },
      'ci/Dockerfile': { content: '../../../../etc/passwd', mode: '120000' },
    },
    verify: ({ scorecard }) => {
      expect(JSON.stringify(scorecard)).not.toContain('root:x:0:0');
    },
  },
  {
    name: 'escaping-archive-paths',
    archive: () =>
      createTarball(
        [
          { path: 'top/', type: 'directory', mode: 0o755 },
          {
            path: 'top/../../escaped/Dockerfile',
            type: 'file',
            mode: 0o644,
            content: Buffer.from('FROM alpine\nRUN apt-get update\n'),
          },
          {
            path: '/etc/buildcache-absolute/Dockerfile',
            type: 'file',
            mode: 0o644,
            content: Buffer.from('FROM alpine\n'),
          },
          {
            path: 'top/Dockerfile',
            type: 'file',
            mode: 0o644,
            content: Buffer.from('FROM alpine\n'),
          },
        ],
        { mtime: new Date('2030-01-01T00:00:00Z') },
      ),
    verify: ({ scorecard }) => {
      const paths: string[] = [
        ...scorecard.files.map((f: any) => f.path),
        ...scorecard.findings.map((f: any) => f.path),
      ];
      // called from the test below, like every case's verify
      // eslint-disable-next-line jest/no-standalone-expect
      expect(paths.filter(p => ESCAPING.test(p))).toEqual([]);
    },
  },
  {
    name: 'gzip-bomb',
    archive: async () =>
      // 200 MiB of zeros as one file, about 200 KiB compressed
      gzipSync(
        await createTarball(
          [
            { path: 'top/', type: 'directory', mode: 0o755 },
            {
              path: 'top/Dockerfile',
              type: 'file',
              mode: 0o644,
              content: Buffer.alloc(200 * 1024 * 1024),
            },
          ],
          { mtime: new Date('2030-01-01T00:00:00Z'), gzip: false },
        ),
      ),
    verify: ({ status, scorecard, error }) => {
      // skipped as too large (BC9002), or the read is refused naming why
      expect(
        status === 'failed'
          ? error
          : finding(scorecard, 'BC9002', 'Dockerfile')?.ruleId,
      ).toBeTruthy();
    },
  },
];

describe('hostile repositories', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sim: ScmSimulator;

  beforeAll(async () => {
    sim = await startScmSimulator({
      token: SIMULATOR_TOKEN,
      repositories: [
        ...CASES.map(c => ({
          name: `acme/${c.name}`,
          files: c.files ?? { Dockerfile: 'FROM alpine\n' },
        })),
        {
          name: 'acme/normal',
          files: { Dockerfile: 'FROM alpine\nRUN apk add git\n' },
        },
      ],
    });
  });

  afterAll(() => sim.close());

  it('ends every hostile scan cleanly, and the next service still scans', async () => {
    const knex = await databases.init('SQLITE_3');
    const names = [...CASES.map(c => c.name), 'normal'];
    // the read timeout also bounds how long a scan may run before another
    // cycle takes it for dead: long enough for a 10,000-line RUN on a busy
    // machine (its analysis and fix checks take ~30 s here, minutes under load)
    const backend = await startSimulatedBackend({
      sim,
      knex,
      names,
      buildcache: { limits: { readTimeoutSeconds: 600 } },
    });
    const server = backend.server;
    try {
      for (const c of CASES) {
        if (c.archive) {
          sim.faults.next({
            pathPattern: `*/acme/${c.name}/tarball/*`,
            status: 200,
            headers: { 'content-type': 'application/x-gzip' },
            body: await c.archive(),
            times: Infinity,
          });
        }
        const base = `/api/buildcache/v1/entities/component/default/${c.name}`;
        const started = Date.now();
        const scanId = (await request(server).post(`${base}/scan`)).body.scanId;
        // a 10,000-line RUN takes seconds alone; a busy CI machine, more
        const status = await waitForScan(server, scanId, {
          timeoutMs: 400_000,
        });
        const scorecard = (await request(server).get(`${base}/scorecard`)).body;
        const error = scorecard.lastScan?.error ?? null;
        // a result, not a hang
        expect([c.name, Date.now() - started < 400_000]).toEqual([
          c.name,
          true,
        ]);
        expect([c.name, ['succeeded', 'failed'].includes(status)]).toEqual([
          c.name,
          true,
        ]);
        try {
          c.verify({ status, scorecard, error });
        } catch (e) {
          throw new Error(
            `${c.name}: ${
              (e as Error).message
            }\nstatus ${status}, error ${error}, findings ${JSON.stringify(
              scorecard.findings?.map((f: any) => `${f.ruleId} ${f.path}`),
            )}`,
          );
        }
      }
      const normal = (
        await request(server).post(
          '/api/buildcache/v1/entities/component/default/normal/scan',
        )
      ).body.scanId;
      expect(await waitForScan(server, normal)).toBe('succeeded');
    } finally {
      await backend.stop();
    }
  });
});
