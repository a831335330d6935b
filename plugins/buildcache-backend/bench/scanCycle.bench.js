#!/usr/bin/env node
/*
 * Backend benchmark with targets: `yarn bench backend` from the repo root.
 * One scan cycle over 2,000 services (SQLite in memory, a reader that takes
 * 5 ms per repository, the real analyzer), then a second cycle where every
 * ETag is unchanged. Checks the time of each cycle, that no more than
 * `concurrency` archives are ever downloaded at once, and that lookups run
 * ahead by at most as many again.
 */
require('@backstage/cli/config/nodeTransform.cjs');
const { NotModifiedError } = require('@backstage/errors');
const knexFactory = require('knex');
const { defaultRules } = require('@buildcache/plugin-buildcache-node');
const { applyDatabaseMigrations } = require('../src/database/migrations');
const { ScanStore } = require('../src/database/ScanStore');
const { ScanRunner } = require('../src/scanning/ScanRunner');
const { createTreeAnalysis } = require('../src/scanning/createTreeAnalyzer');
const { Rescorer } = require('../src/waivers/Rescorer');
const { WaiverStore } = require('../src/database/WaiverStore');

const { emitMetric } = require('./emitMetric');

const SERVICES = 2000;
const CONCURRENCY = 4;
const dockerfile = Buffer.from(
  'FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n',
);

async function main() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await applyDatabaseMigrations(knex);
  const store = new ScanStore(knex);
  let active = 0;
  let maxActive = 0;
  let downloading = 0;
  let maxDownloading = 0;
  const reader = {
    readUrl: async () => {
      throw new Error('unused');
    },
    search: async () => {
      throw new Error('unused');
    },
    async readTree(url, options) {
      active += 1;
      maxActive = Math.max(maxActive, active);
      try {
        await new Promise(resolve => setTimeout(resolve, 5));
        if (options && options.etag === `etag-${url}`) throw new NotModifiedError();
        const keep = !options?.filter || options.filter('Dockerfile', { size: dockerfile.length });
        return {
          etag: `etag-${url}`,
          files: async () => {
            downloading += 1;
            maxDownloading = Math.max(maxDownloading, downloading);
            await new Promise(resolve => setTimeout(resolve, 1));
            downloading -= 1;
            return keep ? [{ path: 'Dockerfile', content: async () => dockerfile }] : [];
          },
          archive: async () => {
            throw new Error('unused');
          },
          dir: async () => {
            throw new Error('unused');
          },
        };
      } finally {
        active -= 1;
      }
    },
  };
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child() { return logger; } };
  const runner = new ScanRunner({
    store,
    rescorer: new Rescorer({ store, waivers: new WaiverStore(knex), weights: {} }),
    reader,
    logger,
    analyze: createTreeAnalysis(defaultRules, { ruleConfig: {}, weights: {}, maxFileBytes: 1 << 20 }).analyze,
    limits: { maxFileBytes: 1 << 20, maxFiles: 500, timeoutMs: 30_000 },
    concurrency: CONCURRENCY,
  });
  const targets = Array.from({ length: SERVICES }, (_, i) => ({
    entityRef: `component:default/svc-${i}`,
    title: `svc-${i}`,
    owner: `group:default/team-${i % 40}`,
    system: `system:default/sys-${i % 15}`,
    sourceUrl: `https://scm.example/acme/svc-${i}`,
  }));
  await store.upsertServices(targets);

  const checks = [];
  const cycle = async (name, targetMs, expect) => {
    const started = Date.now();
    const result = await runner.scanAll(targets);
    const ms = Date.now() - started;
    const ok = ms <= targetMs && result[expect] === SERVICES;
    checks.push(ok);
    emitMetric({ name: `backend.${name.replace(/ /g, '_')}`, value: ms, unit: 'ms', target: `<= ${targetMs}`, pass: ok });
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(16)} ${String(ms).padStart(6)} ms (target ${targetMs} ms)  ${JSON.stringify(result)}`,
    );
  };
  await cycle('first cycle', 20_000, 'succeeded');
  await cycle('unchanged cycle', 10_000, 'unchanged');
  const concurrencyOk = maxDownloading <= CONCURRENCY && maxActive <= 2 * CONCURRENCY;
  checks.push(concurrencyOk);
  emitMetric({ name: 'backend.max_concurrent_downloads', value: maxDownloading, unit: 'archives', target: `<= ${CONCURRENCY}`, pass: maxDownloading <= CONCURRENCY });
  console.log(
    `${concurrencyOk ? 'ok  ' : 'FAIL'} max concurrent downloads ${maxDownloading} (limit ${CONCURRENCY}), lookups ${maxActive} (limit ${2 * CONCURRENCY})`,
  );
  console.log(`     rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  await knex.destroy();
  process.exitCode = checks.every(Boolean) ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 2;
});
