#!/usr/bin/env node
/*
 * API latency at scale: `yarn bench [--quick|--smoke] api` from the repo root.
 *
 * Seeds N services (10,000; --smoke 200) with realistic results (0 to 24
 * findings each, a few files, history) straight into the plugin's tables,
 * starts the real backend plugin on them (startTestBackend, loopback HTTP)
 * and times, one request at a time, each endpoint below: p50/p95/p99 in ms
 * and p95 as a ratio to the floor measured in the same run, on the same
 * backend: GET /v1/scans/:id (the HTTP stack, auth and one primary-key
 * SELECT). Each endpoint gets at most `requests` requests and `seconds` of
 * time, after a short warm-up. SQLite (a file) always; PostgreSQL when one
 * answers on 127.0.0.1:5432, in a throwaway database dropped afterwards
 * (--db sqlite|pg|both chooses).
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const knexFactory = require('knex');
const { mockServices, startTestBackend } = require('@backstage/backend-test-utils');
const { catalogServiceMock } = require('@backstage/plugin-catalog-node/testUtils');
const { buildcachePlugin } = require('../../src/plugin');
const { seed, seedRows } = require('./seedServices');

const args = process.argv.slice(2);
const flag = name => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const mode = ['smoke', 'quick'].find(m => flag(`--${m}`)) ?? 'full';
const SERVICES = Number(option('--services', mode === 'smoke' ? 200 : 10_000));
const BUDGET = {
  smoke: { requests: 10, seconds: 3 },
  quick: { requests: 150, seconds: 8 },
  full: { requests: 400, seconds: 30 },
}[mode];
const PG = 'postgresql://postgres@127.0.0.1:5432';
const P95_TARGET_MS = 50; // issue 13: p95 <= 50 ms at 10,000 services

const { emitMetric } = require('../emitMetric');

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Times `url` one request at a time, within the request and time budget;
 * `before` runs ahead of each timed request, outside its time.
 */
async function timeEndpoint(base, url, headers = {}, before = async () => {}) {
  for (let i = 0; i < 3; i++) await (await fetch(base + url, { headers })).arrayBuffer();
  const times = [];
  const deadline = performance.now() + BUDGET.seconds * 1000;
  while (times.length < BUDGET.requests && performance.now() < deadline) {
    await before();
    const t0 = performance.now();
    const response = await fetch(base + url, { headers });
    await response.arrayBuffer();
    times.push(performance.now() - t0);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

const ENDPOINTS = [
  ['summary', '/v1/compliance/summary'],
  ['summary_by_owner', '/v1/compliance/summary?groupBy=owner'],
  ['summary_by_rule', '/v1/compliance/summary?groupBy=rule'],
  ['facets', '/v1/compliance/facets'],
  ['services', '/v1/compliance/services'],
  ['services_owner_by_score', '/v1/compliance/services?owner=group%3Adefault%2Fteam-7&orderBy=score&order=asc'],
  ['services_level_by_scanned_deep', '/v1/compliance/services?level=Bronze&orderBy=scannedAt&order=desc&offset=1000&limit=100'],
  ['services_rule', '/v1/compliance/services?ruleId=BC1005&orderBy=score'],
  ['services_search', '/v1/compliance/services?q=svc-12'],
  ['scorecard', '/v1/entities/component/default/svc-42/scorecard'],
];

async function runOn(db, rows) {
  const dbName = `buildcache_bench_api_${process.pid}`;
  let admin;
  let file;
  let knex;
  if (db === 'pg') {
    admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
    await admin.raw(`CREATE DATABASE ${dbName}`);
    knex = knexFactory({ client: 'pg', connection: `${PG}/${dbName}`, pool: { min: 0, max: 10 } });
  } else {
    file = path.join(os.tmpdir(), `${dbName}.sqlite`);
    fs.rmSync(file, { force: true });
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
  }
  let backend;
  try {
    const t0 = performance.now();
    await seed(knex, rows);
    console.log(`${db}: seeded ${rows.services.length} services, ${rows.findings.length} findings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const later = { frequency: { hours: 24 }, timeout: { minutes: 1 }, initialDelay: { hours: 1 } };
    backend = await startTestBackend({
      features: [
        buildcachePlugin,
        mockServices.database.factory({ knex }),
        // the catalog knows the one service whose scorecard is read
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'svc-42', namespace: 'default', annotations: { 'backstage.io/source-location': `url:${rows.services[42].source_url}` } },
              spec: { type: 'service', owner: rows.services[42].owner, system: rows.services[42].system, lifecycle: 'production' },
            },
          ],
        }),
        mockServices.rootConfig.factory({ data: { buildcache: { schedule: later, newServicesSchedule: later } } }),
      ],
    });
    const { port } = backend.server.address();
    const base = `http://127.0.0.1:${port}/api/buildcache`;
    const lines = [];
    const floor = await timeEndpoint(base, `/v1/scans/${rows.scans[42].id}`);
    const report = (name, t, extra = {}) => {
      lines.push(emitMetric({ name: `api.${db}.${name}.p50`, value: t.p50, unit: 'ms' }));
      lines.push(emitMetric({ name: `api.${db}.${name}.p95`, value: t.p95, unit: 'ms', ...extra }));
      lines.push(emitMetric({ name: `api.${db}.${name}.p99`, value: t.p99, unit: 'ms' }));
      console.log(`${db.padEnd(6)} ${name.padEnd(32)} p50 ${t.p50.toFixed(1).padStart(7)}  p95 ${t.p95.toFixed(1).padStart(7)}  p99 ${t.p99.toFixed(1).padStart(7)} ms  (${t.n} requests)  p95/floor ${(t.p95 / floor.p95).toFixed(1)}`);
    };
    report('floor', floor);
    for (const [name, url] of ENDPOINTS) {
      const t = await timeEndpoint(base, url);
      const judged = mode !== 'smoke' ? { target: `<= ${P95_TARGET_MS}`, pass: t.p95 <= P95_TARGET_MS } : {};
      report(name, t, judged);
      lines.push(emitMetric({ name: `api.${db}.${name}.p50_vs_floor`, value: t.p50 / floor.p50, unit: 'x' }));
      lines.push(emitMetric({ name: `api.${db}.${name}.p95_vs_floor`, value: t.p95 / floor.p95, unit: 'x' }));
    }
    // the summaries and facets above are computed once and kept until the
    // data changes (src/database/dataRevision.ts); these are computed anew
    // for each request, as after every write: a stored result moves the
    // revision
    const write = () => knex('buildcache_data_revision').where({ id: 1 }).increment('revision', 1);
    for (const [name, url] of ENDPOINTS.filter(([n]) => n.startsWith('summary') || n === 'facets')) {
      const t = await timeEndpoint(base, url, {}, write);
      report(`${name}_after_write`, t);
      lines.push(emitMetric({ name: `api.${db}.${name}_after_write.p95_vs_floor`, value: t.p95 / floor.p95, unit: 'x' }));
    }
    const csv = await timeEndpoint(base, '/v1/compliance/services', { accept: 'text/csv' });
    report('services_csv', csv, mode !== 'smoke' ? { target: '<= 2000', pass: csv.p95 <= 2000 } : {});
    lines.push(emitMetric({ name: `api.${db}.services_csv.p95_vs_floor`, value: csv.p95 / floor.p95, unit: 'x' }));
    return lines;
  } finally {
    await backend?.stop();
    await knex.destroy();
    if (admin) {
      await admin.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.destroy();
    }
    if (file) fs.rmSync(file, { force: true });
  }
}

async function postgresReachable() {
  const probe = knexFactory({ client: 'pg', connection: `${PG}/postgres`, acquireConnectionTimeout: 3000 });
  try {
    await probe.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.destroy();
  }
}

async function main() {
  const choice = option('--db', 'both');
  const dbs = choice === 'both' ? ['sqlite', ...((await postgresReachable()) ? ['pg'] : [])] : [choice];
  const rows = seedRows(SERVICES);
  emitMetric({ name: 'api.services', value: SERVICES, unit: 'services' });
  emitMetric({ name: 'api.findings', value: rows.findings.length, unit: 'findings' });
  let failed = false;
  for (const db of dbs) {
    const lines = await runOn(db, rows);
    failed ||= lines.some(l => l.pass === false);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch(error => {
  console.error(error);
  process.exit(2);
});
