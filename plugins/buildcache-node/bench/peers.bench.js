#!/usr/bin/env node
/*
 * The analyzer against the bare parse floor and against peer linters:
 * `yarn bench --quick peers` from the repo root (issue 13).
 *
 * One process, the same files (every Dockerfile and YAML CI file of
 * ../shared/corpus the analyzer classifies, see corpusFiles.js), timed as
 * whole passes over the files after warm-up; passes of the variants are
 * interleaved (rotating order) and each variant reports its median pass.
 * Times are the process's CPU time (the ratios are then much less disturbed
 * by other jobs on the machine); wall times are printed beside them.
 *
 *   floor        dockerfile-ast DockerfileParser.parse for Dockerfiles, yaml
 *                parseAllDocuments (with the analyzer's parse options) for
 *                YAML files; nothing else
 *   analysis     analyzeFiles(repository's files, { verifyFixes: false }),
 *                one call per repository, as the CLI analyzes a checkout;
 *                also on the Dockerfiles alone (analysis.dockerfiles)
 *   verified     analyzeFiles with the CLI's default (every fix checked)
 *   dockerfile-utils  validate(text) per Dockerfile (Dockerfiles only)
 *   dockerfilelint    run(config dir, text) per Dockerfile (Dockerfiles only)
 *
 * The peers are installed for the bench only (see peerPackages.js); when
 * they cannot be installed, their metrics are reported as skipped.
 * Crashes are exceptions thrown, counted once per file (per repository
 * call for the analyzer, plus rule or parser exceptions the analyzer caught
 * and turned into BC9001 findings).
 *
 * Flags: --quick (fewer repetitions), --no-install (never run npm).
 */
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DockerfileParser } = require('dockerfile-ast');
const { LineCounter, parseAllDocuments } = require('yaml');
const { analyzeFiles, classifyFile } = require('../src');
const { loadCorpusFiles } = require('./corpusFiles');
const { loadPeers } = require('./peerPackages');

const { emitMetric } = require('./emitMetric');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const WARMUP = quick ? 2 : 3;
const REPS = quick ? 5 : 11;
// analysis with every fix checked is more than 10x slower: fewer passes
// (its many analyses run on code the other variants warmed up)
const VERIFIED_REPS = quick ? 1 : 3;

const repoRoot = path.resolve(__dirname, '../../..');
const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

/** Same options as the analyzer's own YAML parse (src/ci/yamlDocument.ts). */
function parseYamlFloor(text) {
  return parseAllDocuments(text, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    uniqueKeys: false,
    strict: false,
  });
}

/**
 * Both clocks: CPU time of the process (user + system), which the ratios
 * use because other jobs on a shared machine disturb it much less than
 * wall time, and wall time.
 */
function clock() {
  const { user, system } = process.cpuUsage();
  return {
    cpu: (user + system) / 1000,
    wall: Number(process.hrtime.bigint()) / 1e6,
  };
}

function elapsed(from, to) {
  return { cpu: to.cpu - from.cpu, wall: to.wall - from.wall };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Exceptions the analyzer caught itself and reported as BC9001. */
function caughtExceptions(report) {
  return report.findings.filter(
    f =>
      f.ruleId === 'BC9001' &&
      (/^internal error in rule /.test(f.message) ||
        / could not be parsed: (?!.*\(line \d+\)$)/.test(f.message)),
  );
}

function main() {
  if (!fs.existsSync(path.join(corpusRoot, 'repos'))) {
    console.log(`skip peers: ${corpusRoot} is absent`);
    return;
  }
  const repos = loadCorpusFiles(corpusRoot, classifyFile);
  const all = repos.flatMap(r => r.files);
  const subset = kind => all.filter(f => !kind || f.kind === kind);
  const bytesOf = files => files.reduce((n, f) => n + f.content.length, 0);
  const sets = {
    all: { files: subset(null) },
    dockerfiles: { files: subset('dockerfile') },
    yaml: { files: subset('yaml') },
  };
  for (const set of Object.values(sets)) set.bytes = bytesOf(set.files);
  // the analyzer's input, built once: per repository, the files of a set
  const inputsOf = kind =>
    repos
      .map(r => ({
        repo: r.name,
        files: r.files
          .filter(f => !kind || f.kind === kind)
          .map(f => ({ path: f.path, content: f.content })),
      }))
      .filter(r => r.files.length > 0);
  const inputs = { all: inputsOf(null), dockerfiles: inputsOf('dockerfile') };
  console.log(
    `${sets.all.files.length} files (${sets.dockerfiles.files.length} Dockerfiles, ${sets.yaml.files.length} YAML) ` +
      `in ${repos.length} repositories, ${(sets.all.bytes / 1024).toFixed(
        0,
      )} KiB`,
  );

  const crashes = {};
  const crashed = (variant, key) => {
    crashes[variant] ??= new Set();
    crashes[variant].add(key);
  };

  // one pass over every file; the Dockerfile and YAML halves are also
  // timed on their own (floor.dockerfiles, floor.yaml)
  const floor = () => {
    const t0 = clock();
    for (const f of sets.dockerfiles.files) DockerfileParser.parse(f.text);
    const t1 = clock();
    for (const f of sets.yaml.files) parseYamlFloor(f.text);
    const t2 = clock();
    return {
      'floor.dockerfiles': elapsed(t0, t1),
      'floor.yaml': elapsed(t1, t2),
    };
  };
  const analysis = (variant, repoInputs, verifyFixes) => () => {
    for (const { repo, files } of repoInputs) {
      try {
        const report = analyzeFiles(files, { verifyFixes });
        for (const f of caughtExceptions(report))
          crashed(variant, `${repo}/${f.path}: ${f.message}`);
      } catch (e) {
        crashed(
          variant,
          `${repo}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
  };
  const peerPass = (variant, call) => () => {
    for (const f of sets.dockerfiles.files) {
      try {
        call(f.text);
      } catch (e) {
        crashed(
          variant,
          `${f.repo}/${f.path}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
  };

  const variants = [
    { name: 'floor', set: 'all', run: floor },
    {
      name: 'analysis',
      set: 'all',
      run: analysis('analysis', inputs.all, false),
    },
    {
      name: 'analysis.dockerfiles',
      set: 'dockerfiles',
      run: analysis('analysis', inputs.dockerfiles, false),
    },
  ];

  const peers = loadPeers({ install: !args.includes('--no-install') });
  const peerNotes = {};
  const utils = peers['dockerfile-utils'];
  if (utils.module) {
    variants.push({
      name: 'dockerfile_utils',
      set: 'dockerfiles',
      run: peerPass('dockerfile_utils', text => utils.module.validate(text)),
    });
  } else
    peerNotes.dockerfile_utils = `skipped: dockerfile-utils ${utils.error}`;
  const lint = peers.dockerfilelint;
  if (lint.module) {
    // an empty config folder: the default rules, as `dockerfilelint <file>`
    const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfilelint-'));
    variants.push({
      name: 'dockerfilelint',
      set: 'dockerfiles',
      run: peerPass('dockerfilelint', text => lint.module.run(configDir, text)),
    });
  } else peerNotes.dockerfilelint = `skipped: dockerfilelint ${lint.error}`;
  const verified = {
    name: 'verified',
    set: 'all',
    run: analysis('verified', inputs.all, true),
  };

  const names = [
    ...variants.map(v => v.name),
    'floor.dockerfiles',
    'floor.yaml',
    verified.name,
  ];
  const timings = Object.fromEntries(names.map(n => [n, []]));
  const wallTimings = Object.fromEntries(names.map(n => [n, []]));
  const timePass = v => {
    const started = clock();
    const parts = v.run();
    return { [v.name]: elapsed(started, clock()), ...parts };
  };
  const record = pass => {
    for (const [name, t] of Object.entries(pass)) {
      timings[name].push(t.cpu);
      wallTimings[name].push(t.wall);
    }
  };
  const started = Date.now();
  for (let i = 0; i < WARMUP; i++) for (const v of variants) timePass(v);
  // crashes are counted once per file: the warm-up passes saw every file
  const crashCounts = Object.fromEntries(
    Object.entries(crashes).map(([k, s]) => [k, s.size]),
  );
  const crashSamples = Object.fromEntries(
    Object.entries(crashes).map(([k, s]) => [k, [...s].slice(0, 3)]),
  );
  for (let rep = 0; rep < REPS; rep++) {
    // the slow verified analysis takes part in the first VERIFIED_REPS rounds
    const round = rep < VERIFIED_REPS ? [...variants, verified] : variants;
    const shift = rep % round.length;
    for (const v of [...round.slice(shift), ...round.slice(0, shift)])
      record(timePass(v));
  }

  const ms = Object.fromEntries(
    Object.entries(timings).map(([k, t]) => [k, median(t)]),
  );
  const wallMs = Object.fromEntries(
    Object.entries(wallTimings).map(([k, t]) => [k, median(t)]),
  );
  const setOf = {
    ...Object.fromEntries(
      [...variants, verified].map(v => [v.name, sets[v.set]]),
    ),
    'floor.dockerfiles': sets.dockerfiles,
    'floor.yaml': sets.yaml,
  };
  const perFile = name => ms[name] / setOf[name].files.length;
  const mbPerS = name => setOf[name].bytes / 1e6 / (ms[name] / 1000);

  console.log(
    `\nmedian of ${REPS} interleaved passes after ${WARMUP} warm-up passes (verified: ${VERIFIED_REPS}), ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );
  console.log(
    `${'variant'.padEnd(22)} ${'files'.padStart(5)} ${'CPU ms'.padStart(
      9,
    )} ${'wall ms'.padStart(9)} ${'ms/file'.padStart(8)} ${'MB/s'.padStart(
      7,
    )}  crashes`,
  );
  for (const name of names) {
    console.log(
      `${name.padEnd(22)} ${String(setOf[name].files.length).padStart(5)} ${ms[
        name
      ]
        .toFixed(1)
        .padStart(9)} ${wallMs[name].toFixed(1).padStart(9)} ${perFile(name)
        .toFixed(3)
        .padStart(8)} ${mbPerS(name).toFixed(2).padStart(7)}  ${
        crashCounts[name.split('.')[0]] ?? 0
      }`,
    );
  }
  for (const [name, samples] of Object.entries(crashSamples))
    for (const s of samples) console.log(`  ${name} crash: ${s.slice(0, 160)}`);
  for (const note of Object.values(peerNotes)) console.log(note);

  const results = [];
  const metric = (
    name,
    value,
    unit,
    target = null,
    pass = null,
    extra = {},
  ) => {
    if (pass !== null) results.push(pass);
    emitMetric({
      name: `analyzer.${name}`,
      value,
      unit,
      target,
      pass,
      ...extra,
    });
  };
  metric('peers.files', sets.all.files.length, 'files', null, null, {
    note: `${sets.dockerfiles.files.length} Dockerfiles, ${
      sets.yaml.files.length
    } YAML CI files, ${(sets.all.bytes / 1e6).toFixed(3)} MB`,
  });
  for (const [key, name] of [
    ['floor', 'floor'],
    ['analysis', 'analysis'],
    ['analysis_verified', 'verified'],
    ['floor.dockerfiles', 'floor.dockerfiles'],
    ['analysis.dockerfiles', 'analysis.dockerfiles'],
    ['floor.yaml', 'floor.yaml'],
  ]) {
    metric(`${key}.ms_per_file`, perFile(name), 'ms');
    metric(`${key}.mb_per_s`, mbPerS(name), 'MB/s');
  }
  const vsFloor = ms.analysis / ms.floor;
  metric('analysis.vs_floor', vsFloor, 'x', '<= 1.5', vsFloor <= 1.5);
  metric(
    'analysis.vs_floor_wall',
    wallMs.analysis / wallMs.floor,
    'x',
    null,
    null,
    {
      note: 'the same ratio in wall time, which other jobs on the machine disturb more',
    },
  );
  metric('analysis_verified.vs_floor', ms.verified / ms.floor, 'x');
  metric(
    'analysis.dockerfiles.vs_floor',
    ms['analysis.dockerfiles'] / ms['floor.dockerfiles'],
    'x',
  );
  const analysisCrashes =
    (crashCounts.analysis ?? 0) + (crashCounts.verified ?? 0);
  metric(
    'analysis.crashes',
    analysisCrashes,
    'crashes',
    0,
    analysisCrashes === 0,
  );
  for (const [key, label] of [
    ['dockerfile_utils', 'dockerfile-utils'],
    ['dockerfilelint', 'dockerfilelint'],
  ]) {
    const note = peerNotes[key];
    if (note) {
      for (const m of ['ms_per_file', 'crashes'])
        metric(`peers.${key}.${m}`, 'skipped', '', null, null, { note });
      continue;
    }
    metric(`peers.${key}.ms_per_file`, perFile(key), 'ms', null, null, {
      note: `${label} ${peers[label].version}`,
    });
    metric(`peers.${key}.mb_per_s`, mbPerS(key), 'MB/s');
    metric(`peers.${key}.crashes`, crashCounts[key] ?? 0, 'files');
  }
  if (peerNotes.dockerfile_utils) {
    metric('analysis.vs_dockerfile_utils', 'skipped', '', null, null, {
      note: peerNotes.dockerfile_utils,
    });
  } else {
    const vsUtils = ms['analysis.dockerfiles'] / ms.dockerfile_utils;
    metric('analysis.vs_dockerfile_utils', vsUtils, 'x', '< 1', vsUtils < 1);
  }
  if (!peerNotes.dockerfilelint)
    metric(
      'analysis.vs_dockerfilelint',
      ms['analysis.dockerfiles'] / ms.dockerfilelint,
      'x',
    );

  process.exitCode = results.every(Boolean) ? 0 : 1;
}

try {
  main();
} catch (error) {
  console.error(error);
  process.exitCode = 2;
}
