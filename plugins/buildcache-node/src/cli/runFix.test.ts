import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { Report } from '@buildcache/plugin-buildcache-common';
import { runCliCapturing as run } from './testing/runCliCapturing';
import { runFix } from './runFix';

const DOCKERFILE =
  'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN pip install flask\n';

async function fixableLeft(dir: string): Promise<string[]> {
  const { stdout } = await run(['scan', dir, '--format', 'json'], dir);
  const report = JSON.parse(stdout) as Report;
  return report.findings
    .filter(f => !f.suppressed && f.fix?.diff)
    .map(f => `${f.ruleId} ${f.path}:${f.line}`);
}

describe('buildcache fix', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(nodePath.join(tmpdir(), 'bc-fix-'));
    writeFileSync(nodePath.join(dir, 'Dockerfile'), DOCKERFILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one combined patch and changes nothing (dry run)', async () => {
    const { code, stdout, stderr } = await run(['fix', '.'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('--- a/Dockerfile');
    expect(stdout).toContain('+# syntax=docker/dockerfile:1');
    expect(stdout).toContain('--mount=type=cache,target=/var/cache/apt');
    expect(stdout).toContain('-RUN pip install flask');
    expect(stderr).toMatch(/findings fixed in 1 files.*dry run/);
    expect(readFileSync(nodePath.join(dir, 'Dockerfile'), 'utf8')).toBe(
      DOCKERFILE,
    );
  });

  it('--write applies it: a rescan finds no fixable finding', async () => {
    expect((await fixableLeft(dir)).length).toBeGreaterThan(1);
    const { code } = await run(['fix', '.', '--write'], dir);
    expect(code).toBe(0);
    expect(readFileSync(nodePath.join(dir, 'Dockerfile'), 'utf8')).not.toBe(
      DOCKERFILE,
    );
    expect(await fixableLeft(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
  });

  it('--rule limits the fixes to one rule', async () => {
    const { code, stdout } = await run(['fix', '.', '--rule', 'BC1005'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('-RUN pip install flask');
    expect(stdout).not.toContain('target=/var/cache/apt');
  });

  it('refuses an unknown rule with exit code 2', async () => {
    const { code, stderr } = await run(['fix', '.', '--rule', 'BC0000'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown rule BC0000');
  });

  it('writes nothing when a file changed since it was analyzed', async () => {
    const path = nodePath.join(dir, 'Dockerfile');
    let stderr = '';
    // --write of the original bytes, as analyzed before any fix
    const writeOriginal = () =>
      runFix(
        { command: 'fix', dir: '.', write: true, rules: [], config: null },
        {},
        dir,
        {
          files: [{ path: 'Dockerfile', content: Buffer.from(DOCKERFILE) }],
          presentDirectories: [],
          skippedFiles: [],
        },
        { stdout: () => {}, stderr: t => (stderr += t) },
      );
    const code = await writeOriginal();
    expect(code).toBe(0);
    // now the disk holds the fixed file; analyzing the old bytes again
    // and writing must be refused
    const fixed = readFileSync(path, 'utf8');
    const again = await writeOriginal();
    expect(again).toBe(2);
    expect(stderr).toContain(
      'nothing written: Dockerfile: changed since it was analyzed',
    );
    expect(readFileSync(path, 'utf8')).toBe(fixed);
  });

  it('leaves a file with a byte order mark alone, exit code 2', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(DOCKERFILE),
    ]);
    writeFileSync(nodePath.join(dir, 'Dockerfile'), bytes);
    const { code, stderr } = await run(['fix', '.', '--write'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nothing written: Dockerfile: not plain UTF-8/);
    expect(readFileSync(nodePath.join(dir, 'Dockerfile')).equals(bytes)).toBe(
      true,
    );
  });

  it('fixes every example service completely', async () => {
    const examples = nodePath.resolve(__dirname, '../../../../examples');
    for (const name of readdirSync(examples, { withFileTypes: true })
      .filter(e => e.isDirectory())
      .map(e => e.name)) {
      const copy = nodePath.join(dir, name);
      cpSync(nodePath.join(examples, name), copy, { recursive: true });
      const { code } = await run(['fix', copy, '--write'], dir);
      expect(code).toBe(0);
      expect({ name, left: await fixableLeft(copy) }).toEqual({
        name,
        left: [],
      });
    }
  });
});
