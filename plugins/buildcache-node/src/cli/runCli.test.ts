import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { Report } from '@buildcache/plugin-buildcache-common';
import { runCliCapturing as run } from './testing/runCliCapturing';

describe('buildcache CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(nodePath.join(tmpdir(), 'bc-cli-'));
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
      'rules:\n  BC1001: { severity: error }\n',
    );
    writeFileSync(
      nodePath.join(dir, 'bad-config.json'),
      '{"rules": {"BC0000": {}}}',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints exactly one JSON document on stdout', async () => {
    const { code, stdout, stderr } = await run(
      ['scan', 'repo', '--format', 'json'],
      dir,
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.root).toBe('repo');
    expect(report.findings.map(f => f.ruleId)).toEqual(['BC2001', 'BC1001']);
    expect(stderr).toContain('scanning repo');
  });

  it('prints a table grouped by file with a summary line', async () => {
    const { code, stdout } = await run(['scan', 'repo'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('Dockerfile\n  2:1  warning  BC1001  ');
    expect(stdout).toMatch(
      /2 files analyzed, 2 findings \(0 error, 2 warning, 0 info\) · score 84 · Silver\n$/,
    );
  });

  it('exits 1 at or above --fail-on, honouring --config', async () => {
    expect(
      (await run(['scan', 'repo', '--fail-on', 'warning'], dir)).code,
    ).toBe(1);
    expect((await run(['scan', 'repo', '--fail-on=info'], dir)).code).toBe(1);
    expect((await run(['scan', 'repo', '--fail-on', 'never'], dir)).code).toBe(
      0,
    );
    expect(
      (await run(['scan', 'repo', '--config', 'config.yaml'], dir)).code,
    ).toBe(1);
  });

  it('writes --output to a file and nothing to stdout', async () => {
    const { code, stdout } = await run(
      ['scan', 'repo', '--format', 'json', '--output', 'out.json'],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(
      (
        JSON.parse(
          readFileSync(nodePath.join(dir, 'out.json'), 'utf8'),
        ) as Report
      ).version,
    ).toBe(1);
  });

  it.each([
    [[]],
    [['scna', 'repo']],
    [['scan']],
    [['scan', 'a', 'b']],
    [['scan', 'repo', '--format', 'xml']],
    [['scan', 'repo', '--fail-on', 'fatal']],
    [['scan', 'repo', '--bogus']],
    [['scan', 'missing-dir']],
    [['scan', 'repo', '--config', 'bad-config.json']],
    [['scan', 'repo', '--config', 'nope.yaml']],
  ])('exits 2 on usage error %j', async argv => {
    const { code, stdout, stderr } = await run(argv, dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^buildcache: /);
  });

  it('prints help and version', async () => {
    expect((await run(['--help'], dir)).stdout).toContain(
      'Usage: buildcache scan <dir>',
    );
    expect((await run(['--version'], dir)).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
