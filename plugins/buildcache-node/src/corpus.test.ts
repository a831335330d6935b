import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { corpusDirectory } from './accuracy/evaluate';
import { findRepoRoot } from './docs/docsCommand';
import { parseDockerfile } from './dockerfile/parseDockerfile';
import { analyzeFiles } from './engine/analyzeFiles';
import { readRepositoryFiles } from './input/readRepositoryFiles';

/**
 * Runs the analyzer over the shared real-world corpus (read in place from
 * `<repo root>/../shared/corpus`, never copied into the project): every
 * repository folder must analyze without throwing or crashing a rule, and
 * BuildKit's own parser test files must parse with the same instruction
 * count as BuildKit's expected dumps.
 */

const repoRoot = findRepoRoot(__dirname);
const corpus = repoRoot ? corpusDirectory(repoRoot) : null;
const available = corpus !== null && existsSync(corpus);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `corpus tests skipped: the shared corpus was not found at ${
      corpus ??
      '<repo root>/../shared/corpus (no backstage.json above this folder)'
    }`,
  );
}
const describeCorpus = available ? describe : describe.skip;

const subfolders = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(name => statSync(nodePath.join(dir, name)).isDirectory())
        .sort()
    : [];

const NOW = new Date('2025-06-01T00:00:00Z');

describeCorpus('shared corpus', () => {
  const root = corpus as string;

  describe('repos/* analyze without throwing', () => {
    const repos = subfolders(nodePath.join(root, 'repos'));

    it('finds the repository folders', () => {
      expect(repos.length).toBeGreaterThan(0);
    });

    it.each(repos)('%s', async name => {
      const tree = await readRepositoryFiles(
        nodePath.join(root, 'repos', name),
      );
      const report = analyzeFiles(tree.files, {
        root: name,
        now: NOW,
        presentDirectories: tree.presentDirectories,
        skippedFiles: tree.skippedFiles,
      });
      expect(report.files.length).toBeGreaterThan(0);
      const crashes = report.findings.filter(f =>
        f.message.startsWith('internal error in rule'),
      );
      expect(crashes.map(f => f.message)).toEqual([]);
      // Real Dockerfiles that build upstream must parse
      const dockerfileParseErrors = report.findings.filter(
        f =>
          f.ruleId === 'BC9001' &&
          report.files.some(
            file => file.path === f.path && file.kind === 'dockerfile',
          ),
      );
      expect(dockerfileParseErrors.map(f => f.message)).toEqual([]);
    });
  });

  describe('buildkit-parser-testfiles parse like BuildKit', () => {
    const dir = nodePath.join(root, 'buildkit-parser-testfiles');
    const cases = subfolders(dir);

    it('finds the parser test cases', () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    it.each(cases)('%s', name => {
      const content = readFileSync(nodePath.join(dir, name, 'Dockerfile'));
      const report = analyzeFiles([{ path: 'Dockerfile', content }], {
        now: NOW,
      });
      expect(
        report.findings
          .filter(f => f.ruleId === 'BC9001' || f.ruleId === 'BC9002')
          .map(f => f.message),
      ).toEqual([]);
      const result = parseDockerfile('Dockerfile', content.toString('utf8'));
      if (!result.ok) throw new Error(`${name} did not parse`);
      // each line of `result` is the dump of one instruction
      const expected = readFileSync(nodePath.join(dir, name, 'result'), 'utf8')
        .split('\n')
        .filter(line => line.trim() !== '').length;
      expect(result.model.instructions.length).toBe(expected);
    });
  });

  describe('buildkit-parser-testfiles-negative are not analyzed as valid', () => {
    const dir = nodePath.join(root, 'buildkit-parser-testfiles-negative');
    const cases = subfolders(dir);

    it.each(cases)('%s', name => {
      const content = readFileSync(nodePath.join(dir, name, 'Dockerfile'));
      const report = analyzeFiles([{ path: 'Dockerfile', content }], {
        now: NOW,
      });
      expect(
        report.findings.some(
          f =>
            f.path === 'Dockerfile' &&
            (f.ruleId === 'BC9001' || f.ruleId === 'BC9002'),
        ),
      ).toBe(true);
    });
  });
});
