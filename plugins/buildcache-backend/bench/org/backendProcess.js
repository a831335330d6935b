#!/usr/bin/env node
/*
 * The backend under test of the org scan bench, in its own process so its
 * peak RSS is its own. Started by orgScan.js with an IPC channel and a JSON
 * settings file (argv[2]): the real buildcache backend plugin with
 * Backstage's real URL readers (integrations.github / integrations.gitlab
 * pointing at the SCM simulator), a catalog holding the generated entities,
 * and SQLite in a file (or PostgreSQL). Only the scheduler is the bench's:
 * it runs the plugin's scheduled scan task when the harness asks, and says
 * when it has finished.
 *
 * Messages in:  { type: 'cycle', id } | { type: 'stop' }
 * Messages out: { type: 'ready', startupMs }
 *               { type: 'cycleDone', id, ms, statuses, errors }
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const {
  coreServices,
  createServiceFactory,
} = require('@backstage/backend-plugin-api');
const { startTestBackend, mockServices } = require('@backstage/backend-test-utils');
const { urlReaderServiceFactory } = require('@backstage/backend-defaults/urlReader');
const { catalogServiceMock } = require('@backstage/plugin-catalog-node/testUtils');
const knexFactory = require('knex');
const { buildcachePlugin } = require('../../src/plugin');
const { SCAN_ALL_TASK_ID } = require('../../src/scanning/scheduleScans');

const settings = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

// Time the main thread spends in the analyzer (analysis with fix
// verification, and the combined fixes): synchronous, so on the event loop
// it is wall time. With analysis workers the calls return promises: what is
// timed is the main thread's part (handing the tree over), not the wait.
const analyzerMs = { analyze: 0, combine: 0 };
const timedOnce = new WeakSet();
function timeAnalyzer(options) {
  if (timedOnce.has(options)) return;
  timedOnce.add(options);
  for (const key of ['analyze', 'combine']) {
    const fn = options[key];
    if (!fn) continue;
    options[key] = (...args) => {
      const t0 = performance.now();
      try {
        return fn(...args);
      } finally {
        analyzerMs[key] += performance.now() - t0;
      }
    };
  }
}

// Knobs for before/after runs: --baseline is the scan path as it was before
// the org bench (lookups never run ahead of downloads, no rate-limit
// budget, every unchanged service re-scored); --lookahead k, --no-budget
// and --rescore-unchanged change one of the three.
{
  const { ScanRunner } = require('../../src/scanning/ScanRunner');
  const scanAll = ScanRunner.prototype.scanAll;
  if (settings.rescoreUnchanged) {
    const run = ScanRunner.prototype.run;
    ScanRunner.prototype.run = function rescoringRun(target, scanId, _rescore, prepared) {
      return run.call(this, target, scanId, true, prepared);
    };
  }
  ScanRunner.prototype.scanAll = function benchScanAll(targets) {
    timeAnalyzer(this.options);
    if (settings.lookahead) this.options.lookahead = settings.lookahead * this.options.concurrency;
    if (settings.noBudget) this.options.budget = undefined;
    return scanAll.call(this, targets);
  };
}

/** Runs scheduled tasks only when asked (never on a timer). */
class BenchScheduler {
  tasks = new Map();
  async scheduleTask(task) {
    this.tasks.set(task.id, task);
  }
  createScheduledTaskRunner(schedule) {
    return { run: async task => this.scheduleTask({ ...task, ...schedule }) };
  }
  async getScheduledTasks() {
    return [...this.tasks.values()].map(t => ({ id: t.id, scope: t.scope ?? 'global', settings: { version: 1 } }));
  }
  async triggerTask(id) {
    await this.run(id);
  }
  async cancelTask() {}
  async run(id) {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`no task ${id}`);
    await task.fn(new AbortController().signal);
  }
}

/** Keeps warnings and errors (the harness reports them); prints them when verbose. */
class CollectingLogger {
  constructor(sink, meta = {}) {
    this.sink = sink;
    this.meta = meta;
  }
  child(meta) {
    return new CollectingLogger(this.sink, { ...this.meta, ...meta });
  }
  debug() {}
  info(message) {
    if (settings.verbose) console.error(`[backend] ${message}`);
  }
  warn(message) {
    this.sink.push({ level: 'warn', message, entityRef: this.meta.entityRef });
    if (settings.verbose) console.error(`[backend] WARN ${message}`);
  }
  error(message) {
    this.sink.push({ level: 'error', message, entityRef: this.meta.entityRef });
    console.error(`[backend] ERROR ${message}`);
  }
}

async function main() {
  const started = Date.now();
  const logs = [];
  const scheduler = new BenchScheduler();
  const knex = knexFactory(
    settings.database.client === 'pg'
      ? { client: 'pg', connection: settings.database.connection }
      : {
          client: 'better-sqlite3',
          connection: { filename: settings.database.filename },
          useNullAsDefault: true,
        },
  );
  // BENCH_QUERY_STATS=1: time every SQL statement, print the costliest at exit
  const queryStats = new Map();
  if (process.env.BENCH_QUERY_STATS) {
    const queryStarts = new Map();
    knex.on('query', q => queryStarts.set(q.__knexQueryUid, performance.now()));
    knex.on('query-response', (_r, q) => {
      const t = performance.now() - (queryStarts.get(q.__knexQueryUid) ?? performance.now());
      queryStarts.delete(q.__knexQueryUid);
      const s = queryStats.get(q.sql) ?? { n: 0, ms: 0 };
      s.n += 1;
      s.ms += t;
      queryStats.set(q.sql, s);
    });
    process.on('exit', () => {
      for (const [sql, s] of [...queryStats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
        console.error(`${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(6)}x  ${sql.slice(0, 220)}`);
    });
  }
  const backend = await startTestBackend({
    features: [
      buildcachePlugin,
      urlReaderServiceFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: settings.entities }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => new CollectingLogger(logs),
      }),
      mockServices.rootConfig.factory({ data: settings.config }),
    ],
  });
  settings.entities = undefined; // the catalog holds its own copy
  const countScans = async () => {
    const rows = await knex('buildcache_scans').select('status').count({ n: '*' }).groupBy('status');
    return Object.fromEntries(rows.map(r => [r.status, Number(r.n)]));
  };

  process.on('message', async message => {
    if (message.type === 'stop') {
      await backend.stop();
      await knex.destroy();
      process.exit(0);
    }
    if (message.type === 'cycle') {
      logs.length = 0;
      analyzerMs.analyze = 0;
      analyzerMs.combine = 0;
      const memory = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
      const sampleMemory = () => {
        const m = process.memoryUsage();
        for (const key of Object.keys(memory)) memory[key] = Math.max(memory[key], m[key] / 2 ** 20);
      };
      const sampler = setInterval(sampleMemory, 100);
      const before = await countScans();
      const t0 = performance.now();
      await scheduler.run(SCAN_ALL_TASK_ID);
      const ms = performance.now() - t0;
      clearInterval(sampler);
      sampleMemory();
      const after = await countScans();
      const statuses = {};
      for (const [status, n] of Object.entries(after)) {
        if (n - (before[status] ?? 0) > 0) statuses[status] = n - (before[status] ?? 0);
      }
      process.send({
        type: 'cycleDone',
        id: message.id,
        ms,
        analyzerMs: { ...analyzerMs },
        memory,
        statuses,
        errors: logs.filter(l => l.level !== 'info').slice(0, 10),
        warnings: logs.length,
      });
    }
  });
  process.send({ type: 'ready', startupMs: Date.now() - started });
}

main().catch(error => {
  console.error(error);
  process.exit(2);
});
