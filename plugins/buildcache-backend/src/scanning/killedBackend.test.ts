import { TestDatabases } from '@backstage/backend-test-utils';
import {
  startScmSimulator,
  type ScmSimulator,
} from '@buildcache/scm-simulator';
import knexFactory, { type Knex } from 'knex';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SIMULATOR_TOKEN,
  simulatedEntity,
  simulatorIntegrations,
} from '../__testUtils__/simulatedBackend';
import { pollUntil, testBuildcacheConfig } from '../__testUtils__/testBackend';

jest.setTimeout(300_000);

/**
 * A backend killed (SIGKILL) in the middle of a scan leaves no scan
 * running for ever: another backend on the same database takes the dead
 * scan for failed once its lease (twice the read timeout since it was
 * claimed) has run out, then scans the service itself. Each backend is a
 * real process: the buildcache plugin with Backstage's GitHub URL reader
 * on the SCM simulator (bench/org/backendProcess.js, whose scan cycles run
 * when asked), on one SQLite file or PostgreSQL database.
 */

const BACKEND = join(__dirname, '../../bench/org/backendProcess.js');
/** The read timeout of the second backend: its lease check uses twice this. */
const READ_TIMEOUT_SECONDS = 3;

class BackendProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  #cycles = 0;

  constructor(settingsFile: string) {
    this.child = fork(BACKEND, [settingsFile], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [],
    });
    this.exited = new Promise(resolve =>
      this.child.once('exit', (code, signal) =>
        resolve(code ?? (signal ? -1 : null)),
      ),
    );
  }

  #message(type: string, id?: number): Promise<any> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: any) => {
        if (message.type === type && (id === undefined || message.id === id)) {
          this.child.off('message', onMessage);
          resolve(message);
        }
      };
      this.child.on('message', onMessage);
      this.exited.then(code =>
        reject(new Error(`the backend exited (${code}) before ${type}`)),
      );
    });
  }

  ready() {
    return this.#message('ready');
  }

  /** Starts a scan cycle; the promise settles when it is done. */
  cycle(): Promise<{ statuses: Record<string, number> }> {
    const id = ++this.#cycles;
    const done = this.#message('cycleDone', id);
    this.child.send({ type: 'cycle', id });
    return done;
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.send({ type: 'stop' });
    const stopped = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>(resolve => setTimeout(() => resolve(false), 30_000)),
    ]);
    if (!stopped) this.child.kill('SIGKILL');
  }
}

describe('a backend killed mid-scan', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let sim: ScmSimulator;
  let workDir: string;
  const backends: BackendProcess[] = [];

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'buildcache-killed-'));
    sim = await startScmSimulator({
      token: SIMULATOR_TOKEN,
      repositories: ['slow', 'steady'].map(name => ({
        name: `acme/${name}`,
        files: { Dockerfile: 'FROM node:22\nRUN npm ci\n' },
      })),
    });
  });

  afterEach(async () => {
    await Promise.all(backends.splice(0).map(b => b.stop()));
    await sim.close();
    await rm(workDir, { recursive: true, force: true });
  });

  /** Starts a backend process on `database` with this read timeout. */
  async function startBackend(
    database: Record<string, unknown>,
    readTimeoutSeconds: number,
  ) {
    const settingsFile = join(workDir, `settings-${backends.length}.json`);
    await writeFile(
      settingsFile,
      JSON.stringify({
        database,
        entities: ['slow', 'steady'].map(name => simulatedEntity(sim, name)),
        config: {
          backend: { workingDirectory: workDir },
          integrations: simulatorIntegrations(sim),
          buildcache: {
            // cycles run when the test asks (see backendProcess.js)
            ...testBuildcacheConfig(workDir).buildcache,
            concurrency: 2,
            limits: { readTimeoutSeconds },
          },
        },
      }),
    );
    const backend = new BackendProcess(settingsFile);
    backends.push(backend);
    await backend.ready();
    return backend;
  }

  it.each(databases.eachSupportedId())(
    'leaves no scan running; another backend finishes, %p',
    async databaseId => {
      let knex: Knex;
      let database: Record<string, unknown>;
      if (databaseId === 'SQLITE_3') {
        const filename = join(workDir, 'buildcache.sqlite');
        database = { client: 'better-sqlite3', filename };
        knex = knexFactory({
          client: 'better-sqlite3',
          connection: { filename },
          useNullAsDefault: true,
        });
      } else {
        knex = await databases.init(databaseId);
        database = { client: 'pg', connection: knex.client.config.connection };
      }
      const scans = () =>
        knex('buildcache_scans')
          .select('id', 'entity_ref', 'status', 'error', 'queued_at')
          .orderBy('queued_at');
      try {
        // the first backend reads steady, and hangs in the download of slow
        sim.faults.next({
          pathPattern: '*/acme/slow/tarball/*',
          delayMs: 600_000,
        });
        const first = await startBackend(database, 600);
        void first.cycle().catch(() => {});
        const during = await pollUntil(
          scans,
          rows =>
            sim.faults.pending() === 0 &&
            rows.some(
              r => r.entity_ref.endsWith('/slow') && r.status === 'running',
            ) &&
            rows.some(
              r => r.entity_ref.endsWith('/steady') && r.status === 'succeeded',
            ),
          { timeoutMs: 120_000, intervalMs: 100 },
        );
        expect(sim.faults.pending()).toBe(0); // its archive request hangs
        first.child.kill('SIGKILL');
        expect(await first.exited).toBe(-1);
        const dead = during.find(r => r.entity_ref.endsWith('/slow'))!;
        expect(dead.status).toBe('running');

        // the second backend scans until slow is done: at first the dead
        // scan still holds the service (its lease has not run out), then
        // it is taken for failed and slow is scanned
        const second = await startBackend(database, READ_TIMEOUT_SECONDS);
        const cycles: Array<Record<string, number>> = [];
        const after = await pollUntil(
          async () => {
            cycles.push((await second.cycle()).statuses);
            return scans();
          },
          rows =>
            rows.some(
              r => r.entity_ref.endsWith('/slow') && r.status === 'succeeded',
            ),
          { timeoutMs: 120_000, intervalMs: 500 },
        );

        const slow = after.filter(r => r.entity_ref.endsWith('/slow'));
        expect(slow.map(r => [r.id, r.status])).toEqual([
          [dead.id, 'failed'],
          [expect.any(String), 'succeeded'],
        ]);
        expect(slow[0].error).toMatch(/Abandoned/);
        // never two scans of one service at once: the second one was
        // claimed only once the dead one's lease had run out
        expect(
          new Date(slow[1].queued_at).getTime() -
            new Date(slow[0].queued_at).getTime(),
        ).toBeGreaterThanOrEqual(2 * READ_TIMEOUT_SECONDS * 1000);
        // nothing left running, steady not scanned again (unchanged)
        expect(
          after.filter(r => ['queued', 'running'].includes(r.status)),
        ).toEqual([]);
        expect(
          after
            .filter(r => r.entity_ref.endsWith('/steady'))
            .map(r => r.status),
        ).toEqual(['succeeded', ...Array(cycles.length).fill('unchanged')]);
        // one history point per good scan
        const history = (await knex('buildcache_history')
          .select('entity_ref')
          .count({ points: '*' })
          .groupBy('entity_ref')
          .orderBy('entity_ref')) as Array<{
          entity_ref: string;
          points: unknown;
        }>;
        expect(history.map(h => [h.entity_ref, Number(h.points)])).toEqual([
          ['component:default/slow', 1],
          ['component:default/steady', 1],
        ]);
        const services = await knex('buildcache_services')
          .select('entity_ref', 'stale', 'last_error')
          .orderBy('entity_ref');
        expect(
          services.map(s => [s.entity_ref, Boolean(s.stale), s.last_error]),
        ).toEqual([
          ['component:default/slow', false, null],
          ['component:default/steady', false, null],
        ]);
      } finally {
        await Promise.all(backends.splice(0).map(b => b.stop()));
        if (databaseId === 'SQLITE_3') await knex.destroy();
      }
    },
  );
});
