import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  analyzeFiles,
  defaultRules,
  readRepositoryFiles,
} from '@buildcache/plugin-buildcache-node';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalDirectoryUrlReader } from '../reader/LocalDirectoryUrlReader';
import { createTreeAnalysis } from './createTreeAnalyzer';
import { readRepositoryTree } from './readRepository';

const examples = resolve(__dirname, '../../../../examples');
const names = readdirSync(examples).filter(name =>
  statSync(join(examples, name)).isDirectory(),
);

/**
 * The portal reads a repository through UrlReaderService.readTree and the
 * CLI reads it from disk: both must report the same findings and score.
 */
describe('the backend and the CLI agree on every example', () => {
  const reader = UrlReaders.create({
    config: mockServices.rootConfig({
      data: { buildcache: { localRepositories: { allowedRoots: [examples] } } },
    }),
    logger: mockServices.logger.mock(),
    factories: [LocalDirectoryUrlReader.factory],
  });
  const { analyze } = createTreeAnalysis(defaultRules, {
    ruleConfig: {},
    weights: {},
    maxFileBytes: 1024 * 1024,
  });
  const summarize = (report: ReturnType<typeof analyzeFiles>) => ({
    files: report.files.map(f => f.path).sort(),
    findings: report.findings
      .map(
        f =>
          `${f.ruleId} ${f.path}:${f.line}:${f.column}${
            f.suppressed ? ' suppressed' : ''
          }`,
      )
      .sort(),
    score: report.score,
  });

  it('has at least ten examples', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  it.each(names)('%s', async name => {
    const dir = join(examples, name);
    const tree = await readRepositoryTree(
      reader,
      pathToFileURL(dir).href,
      null,
      {
        maxFileBytes: 1024 * 1024,
        maxFiles: 500,
        timeoutMs: 30_000,
      },
    );
    if (tree === 'unchanged') throw new Error('no ETag was passed');
    const fromBackend = await analyze(tree, dir);

    const onDisk = await readRepositoryFiles(dir);
    const fromCli = analyzeFiles(onDisk.files, {
      root: dir,
      presentDirectories: onDisk.presentDirectories,
      skippedFiles: onDisk.skippedFiles,
    });

    expect(summarize(fromBackend)).toEqual(summarize(fromCli));
  });
});
