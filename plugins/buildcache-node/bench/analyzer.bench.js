#!/usr/bin/env node
/*
 * Analyzer benchmarks with targets: `yarn bench analyzer` from the repo root.
 * Each case prints its time and memory and fails (exit 1) when over target.
 *   corpus     every repository of ../shared/corpus, analyzed 5 times
 *   large      a 1 MiB Dockerfile of 20,000 RUN lines, analyzed whole
 *   oversized  a 20 MiB Dockerfile, which must be skipped (BC9002) quickly
 *   many       a synthetic repository of 400 Dockerfiles and 100 workflows
 * The cases above time the analysis alone (verifyFixes: false). Checking
 * every fix (fix closure: each fix applied and analyzed again) is measured
 * as a ratio to that, in the same run:
 *   corpus-verify, many-verify   verified time / analysis-only time
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const path = require('node:path');
const { analyzeFiles, readRepositoryFiles } = require('../src');

const { emitMetric } = require('./emitMetric');

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/repos');

function timed(fn) {
  const started = process.hrtime.bigint();
  const detail = fn();
  return { detail, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Time of `verified` as a multiple of `base`, against a target ratio. */
function measureRatio(name, targetRatio, base, verified) {
  global.gc?.();
  const a = timed(base);
  const b = timed(verified);
  const ratio = b.ms / Math.max(a.ms, 1);
  const ok = ratio <= targetRatio;
  emitMetric({ name: `analyzer.${name}`, value: ratio, unit: 'x', target: `<= ${targetRatio}`, pass: ok });
  console.log(
    `${ok ? 'ok  ' : 'SLOW'} ${name.padEnd(14)} ${ratio.toFixed(1).padStart(5)}x (target ${targetRatio}x)  ${b.ms.toFixed(0)} ms vs ${a.ms.toFixed(0)} ms  ${b.detail}`,
  );
  return ok;
}

function measure(name, targetMs, fn) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const { detail, ms } = timed(fn);
  const rssMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  const ok = ms <= targetMs;
  emitMetric({ name: `analyzer.${name}`, value: ms, unit: 'ms', target: `<= ${targetMs}`, pass: ok });
  console.log(
    `${ok ? 'ok  ' : 'SLOW'} ${name.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms (target ${targetMs} ms)  +${rssMb.toFixed(0)} MiB RSS  ${detail}`,
  );
  return ok;
}

async function main() {
  const only = process.argv[2];
  const results = [];
  const wanted = name => !only || only === 'analyzer' || only === name;
  const run = (name, ...args) => {
    if (wanted(name)) results.push(measure(name, ...args));
  };
  const ratio = (name, ...args) => {
    if (wanted(name)) results.push(measureRatio(name, ...args));
  };
  // analysis alone; verification is measured by the *-verify cases
  const analyze = (files, options = {}) =>
    analyzeFiles(files, { ...options, verifyFixes: false });

  if (fs.existsSync(corpus)) {
    const repos = [];
    for (const name of fs.readdirSync(corpus)) {
      const read = await readRepositoryFiles(path.join(corpus, name));
      repos.push(read);
    }
    const fileCount = repos.reduce((n, r) => n + r.files.length, 0);
    const corpusPass = (verifyFixes, times) => () => {
      let findings = 0;
      let diffs = 0;
      for (let i = 0; i < times; i++) {
        for (const repo of repos) {
          const report = analyzeFiles(repo.files, {
            presentDirectories: repo.presentDirectories,
            skippedFiles: repo.skippedFiles,
            verifyFixes,
          });
          findings += report.findings.length;
          diffs += report.findings.filter(f => f.fix?.diff).length;
        }
      }
      return `${repos.length} repos, ${fileCount} files ×${times}, ${findings} findings, ${diffs} ${verifyFixes ? 'verified ' : ''}diffs`;
    };
    run('corpus', 5000, corpusPass(false, 5));
    // every fix applied and the affected files analyzed again: about two
    // re-analyses per fix, so the ratio follows the fixes per repository
    ratio('corpus-verify', 25, corpusPass(false, 1), corpusPass(true, 1));
  } else {
    console.log(`skip corpus: ${corpus} is absent`);
  }

  const line = 'RUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.0 && echo done\n';
  const large = `# syntax=docker/dockerfile:1\nFROM python:3.12\n${line.repeat(Math.floor((1024 * 1024 - 60) / line.length))}`;
  run('large', 8000, () => {
    const report = analyze([{ path: 'Dockerfile', content: Buffer.from(large) }], {
      maxFileBytes: 2 * 1024 * 1024,
    });
    return `${report.findings.length} findings`;
  });

  const oversized = Buffer.alloc(20 * 1024 * 1024, 'RUN echo x\n');
  run('oversized', 500, () => {
    const report = analyze([{ path: 'Dockerfile', content: oversized }]);
    const skipped = report.findings.filter(f => f.ruleId === 'BC9002').length;
    if (skipped !== 1) throw new Error('the 20 MiB file was not skipped');
    return 'skipped as BC9002';
  });

  const files = [];
  for (let i = 0; i < 400; i++) {
    files.push({
      path: `services/s${i}/Dockerfile`,
      content: Buffer.from(
        `FROM node:22 AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nFROM node:22\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nRUN apt-get update && apt-get install -y curl\n`,
      ),
    });
  }
  for (let i = 0; i < 100; i++) {
    files.push({
      path: `.github/workflows/s${i}.yml`,
      content: Buffer.from(
        `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/setup-buildx-action@v3\n      - uses: docker/build-push-action@v6\n        with:\n          file: services/s${i}/Dockerfile\n          cache-to: type=gha\n`,
      ),
    });
  }
  run('many', 3000, () => `${analyze(files).findings.length} findings in 500 files`);
  // bounded by the verification budget (16x the repository's bytes):
  // about that many analyses of the files a fix affects, plus closure work
  ratio(
    'many-verify',
    30,
    () => `${analyze(files).findings.length} findings`,
    () => `${analyzeFiles(files).findings.filter(f => f.fix?.diff).length} verified diffs in 500 files`,
  );

  process.exitCode = results.every(Boolean) ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 2;
});
