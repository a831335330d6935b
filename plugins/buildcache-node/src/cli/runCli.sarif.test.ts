import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { Log } from 'sarif';
import { runCliCapturing as run } from './testing/runCliCapturing';

describe('buildcache scan --format sarif', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(nodePath.join(tmpdir(), 'bc-sarif-'));
    mkdirSync(nodePath.join(dir, 'repo/.github/workflows'), {
      recursive: true,
    });
    writeFileSync(
      nodePath.join(dir, 'repo/Dockerfile'),
      'FROM debian\nRUN apt-get update\n',
    );
    writeFileSync(
      nodePath.join(dir, 'repo/.github/workflows/ci.yml'),
      'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n',
    );
    writeFileSync(
      nodePath.join(dir, 'config.yaml'),
      'docsBaseUrl: https://docs.example.com/buildcache/\n',
    );
    writeFileSync(nodePath.join(dir, 'bad.yaml'), 'docsBaseUrl: docs/\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one SARIF 2.1.0 log with results and docs links from the config', async () => {
    const { code, stdout } = await run(
      ['scan', 'repo', '--format', 'sarif', '--config', 'config.yaml'],
      dir,
    );
    expect(code).toBe(0);
    const log = JSON.parse(stdout) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0];
    expect(run0.results?.map(r => r.ruleId)).toEqual(['BC2001', 'BC1001']);
    expect(run0.tool.driver.rules?.find(r => r.id === 'BC1001')?.helpUri).toBe(
      'https://docs.example.com/buildcache/rules/BC1001.md',
    );
    expect(run0.originalUriBaseIds?.SRCROOT?.uri).toMatch(
      /^file:\/\/.*\/repo\/$/,
    );
  });

  it('defaults helpUri to an absolute URL and rejects a relative docsBaseUrl', async () => {
    const { stdout } = await run(['scan', 'repo', '--format', 'sarif'], dir);
    const helpUri =
      (JSON.parse(stdout) as Log).runs[0].tool.driver.rules?.[0].helpUri ?? '';
    expect(() => new URL(helpUri)).not.toThrow();
    const bad = await run(
      ['scan', 'repo', '--format', 'sarif', '--config', 'bad.yaml'],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('docsBaseUrl must be an absolute URL');
  });
});
