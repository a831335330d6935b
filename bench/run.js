#!/usr/bin/env node
/*
 * `yarn bench [--smoke|--quick] [analyzer|peers|backend|org|api|page ...]`: runs the benches,
 * prints one table and writes the metrics, one entry each (name, value,
 * unit, target, pass), to bench/results/:
 *
 *   (default, full)  analyzer, peers (analyzer vs parse floor and linters),
 *                    backend, org scan of 5,000 repositories, API
 *                    latency and the compliance page in headless chromium
 *                    at 10,000 services -> latest.json and full.json
 *   --quick          analyzer, peers, backend, org scan of 500 repositories, API
 *                    latency (fewer requests) and the compliance page at
 *                    10,000 services
 *                    -> latest.json and quick.json (under 10 minutes here)
 *   --smoke          org scan of 20 repositories, API latency and the
 *                    compliance page at 200 services, functional checks only
 *                    (CI: every repository scanned, an unchanged rescan
 *                    downloads nothing, no request refused near the rate
 *                    limit) -> smoke.json
 *
 * Each bench appends its metrics as JSON lines ({ name, value, unit, target,
 * pass }; target a string such as "<= 1.3", absent when only reported) to
 * the file named by BENCH_METRICS_FILE, and prints its own lines as before;
 * the values are rounded to 3 decimals here.
 * Exit code 1 when a metric misses its target, 2 when a bench crashed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const mode = args.includes('--smoke') ? 'smoke' : args.includes('--quick') ? 'quick' : 'full';
const passthrough = [];
for (let i = 0; i < args.length; i++) {
  if (['--baseline', '--no-budget', '--rescore-unchanged'].includes(args[i])) passthrough.push(args[i]);
  else if (args[i] === '--lookahead') {
    passthrough.push(args[i], args[i + 1]);
    i += 1;
  } else if (['--repos', '--seed', '--db', '--latency', '--bandwidth', '--concurrency', '--heap-mb'].includes(args[i])) {
    passthrough.push(args[i], args[i + 1]);
    i += 1;
  }
}
const VALUE_FLAGS = ['--lookahead', '--repos', '--seed', '--db', '--latency', '--bandwidth', '--concurrency', '--heap-mb'];
const named = args.filter((a, i) => !a.startsWith('--') && !VALUE_FLAGS.includes(args[i - 1]));

function postgresReachable() {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "const c=new (require('pg').Client)('postgresql://postgres@127.0.0.1:5432/postgres');c.connect().then(()=>c.end()).catch(()=>process.exit(1))",
    ],
    { cwd: path.join(root, 'packages/backend'), timeout: 10_000 },
  );
  return probe.status === 0;
}

const repos = { smoke: 20, quick: 500, full: 5000 }[mode];
const db = passthrough.includes('--db') ? undefined : mode !== 'smoke' && postgresReachable() ? 'pg' : 'sqlite';

const suites = [
  {
    name: 'analyzer',
    modes: ['quick', 'full'],
    command: ['plugins/buildcache-node/bench/analyzer.bench.js'],
  },
  {
    // the analyzer against the bare parse floor and peer linters (installed
    // for the bench only, into .cache/bench-peers/; never in smoke runs)
    name: 'peers',
    modes: ['quick', 'full'],
    command: [
      'plugins/buildcache-node/bench/peers.bench.js',
      ...(mode === 'full' ? [] : ['--quick']),
      ...(mode === 'smoke' ? ['--no-install'] : []),
    ],
  },
  {
    name: 'backend',
    modes: ['quick', 'full'],
    command: ['plugins/buildcache-backend/bench/scanCycle.bench.js'],
  },
  {
    name: 'org',
    modes: ['smoke', 'quick', 'full'],
    command: [
      'plugins/buildcache-backend/bench/org/orgScan.js',
      ...(mode === 'smoke' ? ['--smoke'] : []),
      ...(passthrough.includes('--repos') ? [] : ['--repos', String(repos)]),
      ...(db ? ['--db', db] : []),
      ...passthrough,
    ],
  },
  {
    name: 'api',
    modes: ['smoke', 'quick', 'full'],
    command: [
      'plugins/buildcache-backend/bench/api/apiLatency.bench.js',
      ...(mode === 'full' ? [] : [`--${mode}`]),
      ...(passthrough.includes('--db') ? ['--db', passthrough[passthrough.indexOf('--db') + 1]] : []),
    ],
  },
  {
    name: 'page',
    modes: ['smoke', 'quick', 'full'],
    command: [
      'bench/page/compliancePage.bench.js',
      ...(mode === 'full' ? [] : [`--${mode}`]),
      ...(db ? ['--db', db] : []),
    ],
  },
].filter(s => (named.length ? named.includes(s.name) : s.modes.includes(mode)));

const metrics = [];
const started = new Date();
let crashed = false;
for (const suite of suites) {
  const file = path.join(os.tmpdir(), `buildcache-bench-${process.pid}-${suite.name}.jsonl`);
  fs.rmSync(file, { force: true });
  console.error(`\n== ${suite.name}: node ${suite.command.join(' ')}`);
  const t0 = Date.now();
  const run = spawnSync(process.execPath, suite.command, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BENCH_METRICS_FILE: file },
  });
  const seconds = (Date.now() - t0) / 1000;
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  fs.rmSync(file, { force: true });
  // the suites write bare metrics: rounded and completed here
  for (const line of lines) {
    const metric = JSON.parse(line);
    const value = typeof metric.value === 'number' ? Math.round(metric.value * 1000) / 1000 : metric.value;
    metrics.push({ target: null, pass: null, ...metric, value });
  }
  if (run.status !== 0 && run.status !== 1) {
    crashed = true;
    metrics.push({ name: `${suite.name}.completed`, value: run.status ?? run.signal, unit: 'exit code', target: 0, pass: false });
  }
  metrics.push({ name: `${suite.name}.bench_seconds`, value: Math.round(seconds), unit: 's', target: null, pass: null });
}

const result = {
  mode,
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
  },
  metrics,
};
const dir = path.join(__dirname, 'results');
fs.mkdirSync(dir, { recursive: true });
const outputs = mode === 'smoke' ? ['smoke.json'] : ['latest.json', `${mode}.json`];
if (named.length && mode !== 'smoke') outputs.splice(0, outputs.length, `${mode}-${named.join('-')}.json`);
for (const name of outputs) fs.writeFileSync(path.join(dir, name), `${JSON.stringify(result, null, 2)}\n`);

const rows = metrics.map(m => [{ true: 'ok', false: 'FAIL' }[String(m.pass)] ?? '', m.name, `${m.value} ${m.unit}`, m.target === null ? '' : String(m.target)]);
const widths = [4, 4, 5, 6].map((w, i) => Math.max(w, ...rows.map(r => r[i].length)));
console.log(`\nbench ${mode} (${result.machine.cpus} CPUs, load ${result.machine.loadAverage.join(' ')}) -> bench/results/${outputs.join(', ')}`);
console.log(['', 'metric', 'value', 'target'].map((c, i) => c.padEnd(widths[i])).join('  '));
for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
process.exitCode = crashed ? 2 : metrics.some(m => m.pass === false) ? 1 : 0;
