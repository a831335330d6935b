import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import * as nodePath from 'node:path';
import { defaultRules } from '../rules';
import { ruleDocFiles, staleDocs } from './ruleDocs';
import { ruleExamples } from './ruleExamples';

/** The repository root: the nearest folder above `start` holding backstage.json. */
export function findRepoRoot(start: string): string | null {
  let dir = nodePath.resolve(start);
  for (let i = 0; i < 12; i++) {
    if (existsSync(nodePath.join(dir, 'backstage.json'))) return dir;
    const parent = nodePath.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/** A generator of files under docs/ (rule pages, the accuracy report). */
export interface DocsSource {
  name: string;
  /** Files by path relative to docs/, or a reason why they cannot be generated here. */
  files(): Map<string, string> | { skip: string };
}

/** The built-in rules' folders (with their fixtures), in the package at `packageDir`. */
function rulesDir(packageDir: string): string {
  return nodePath.join(packageDir, 'src', 'rules');
}

/** Where ruleExamplesSource writes, in the package at `packageDir`. */
export function generatedDir(packageDir: string): string {
  return nodePath.join(packageDir, 'src', 'docs', 'generated');
}

/**
 * The rule pages and their index, from the rule metadata and examples
 * computed now from the fixtures (a fixture change shows in the same run).
 */
export function ruleDocsSource(packageDir: string): DocsSource {
  return {
    name: 'rule docs',
    files: () =>
      ruleDocFiles(
        defaultRules.map(r => r.meta),
        ruleExamples(defaultRules, rulesDir(packageDir)),
      ),
  };
}

/**
 * The rule examples the backend's rule docs use, written into
 * generatedDir(packageDir).
 */
export function ruleExamplesSource(packageDir: string): DocsSource {
  return {
    name: 'rule examples',
    files: () =>
      new Map([
        [
          'ruleExamples.json',
          `${JSON.stringify(
            ruleExamples(defaultRules, rulesDir(packageDir)),
            null,
            2,
          )}\n`,
        ],
      ]),
  };
}

function readExisting(
  docsDir: string,
  expected: Map<string, string>,
): Map<string, string | null> {
  const actual = new Map<string, string | null>();
  const read = (rel: string) => {
    try {
      return readFileSync(nodePath.join(docsDir, rel), 'utf8');
    } catch {
      return null;
    }
  };
  for (const rel of expected.keys()) actual.set(rel, read(rel));
  // files in the folders this source generates (e.g. a removed rule's page)
  const folders = new Set(
    [...expected.keys()]
      .map(rel => nodePath.posix.dirname(rel))
      .filter(d => d !== '.'),
  );
  for (const folder of folders) {
    const dir = nodePath.join(docsDir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const rel = `${folder}/${name}`;
      if (!actual.has(rel)) actual.set(rel, read(rel));
    }
  }
  return actual;
}

/**
 * `generate` writes the docs; `check` exits 1 naming every stale, missing or
 * unexpected file. Returns the exit code.
 */
export function runDocsCommand(
  mode: 'generate' | 'check',
  sources: readonly DocsSource[],
  docsDir: string,
  log: (line: string) => void,
): number {
  let failed = false;
  for (const source of sources) {
    const files = source.files();
    if (!(files instanceof Map)) {
      log(`${source.name}: skipped (${files.skip})`);
      continue;
    }
    if (mode === 'generate') {
      for (const [rel, text] of files) {
        const path = nodePath.join(docsDir, rel);
        mkdirSync(nodePath.dirname(path), { recursive: true });
        if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
          writeFileSync(path, text, 'utf8');
          log(`wrote docs/${rel}`);
        }
      }
      continue;
    }
    const problems = staleDocs(files, readExisting(docsDir, files));
    for (const p of problems) log(`docs/${p.path} is ${p.problem}`);
    if (problems.length > 0) failed = true;
    else log(`${source.name}: ${files.size} files are current`);
  }
  if (failed)
    log(
      'run `yarn workspace @buildcache/plugin-buildcache-node docs:generate` and commit the result',
    );
  return failed ? 1 : 0;
}
