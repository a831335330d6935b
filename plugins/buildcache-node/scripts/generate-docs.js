#!/usr/bin/env node
/*
 * Writes (default) or checks (--check) the generated docs under <repo>/docs:
 * one page per rule plus docs/rules/README.md from the rule metadata, and
 * docs/accuracy.md from the corpus expectations. Runs the TypeScript
 * sources through Backstage's node transform, like bin/buildcache does.
 */
require('@backstage/cli/config/nodeTransform.cjs');
const path = require('node:path');
const {
  findRepoRoot,
  runDocsCommand,
  ruleDocsSource,
  ruleExamplesSource,
  generatedDir,
} = require('../src/docs/docsCommand');
const { accuracyDocsSource } = require('../src/accuracy/accuracyDocs');

const root = findRepoRoot(__dirname);
if (!root) {
  process.stderr.write(
    'generate-docs: cannot find the repository root (backstage.json)\n',
  );
  process.exit(2);
}
const mode = process.argv.includes('--check') ? 'check' : 'generate';
const log = line => process.stderr.write(`${line}\n`);
// the examples first: the backend renders rule docs from them
const packageDir = path.join(__dirname, '..');
const examples = runDocsCommand(
  mode,
  [ruleExamplesSource(packageDir)],
  generatedDir(packageDir),
  log,
);
process.exitCode =
  runDocsCommand(
    mode,
    [ruleDocsSource(packageDir), accuracyDocsSource(root)],
    path.join(root, 'docs'),
    log,
  ) || examples;
