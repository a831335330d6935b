import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { parseUnifiedDiff, touchesChange } from './changedLines';
import { runCliCapturing } from './testing/runCliCapturing';

describe('parseUnifiedDiff', () => {
  it('collects added and changed lines per file, and lines around deletions', () => {
    const changed = parseUnifiedDiff(
      [
        'diff --git a/Dockerfile b/Dockerfile',
        '--- a/Dockerfile',
        '+++ b/Dockerfile',
        '@@ -2 +2,2 @@',
        '-RUN a',
        '+RUN b',
        '+RUN c',
        '@@ -9,2 +10,0 @@',
        '-RUN d',
        '-RUN e',
        '--- a/gone.yml',
        '+++ /dev/null',
        '@@ -1,3 +0,0 @@',
      ].join('\n'),
    );
    expect([...changed.keys()]).toEqual(['Dockerfile']);
    expect([...(changed.get('Dockerfile') as Set<number>)].sort()).toEqual([
      10, 11, 2, 3,
    ]);
    expect(
      touchesChange(changed, { path: 'Dockerfile', line: 1, endLine: 2 }),
    ).toBe(true);
    expect(
      touchesChange(changed, { path: 'Dockerfile', line: 5, endLine: 6 }),
    ).toBe(false);
    expect(touchesChange(changed, { path: 'other', line: 2, endLine: 2 })).toBe(
      false,
    );
  });
});

describe('buildcache scan --diff-base', () => {
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync('git', [
      '-C',
      dir,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.invalid',
      ...args,
    ]);
  const scan = (argv: string[]) => runCliCapturing(argv, dir);

  beforeEach(() => {
    dir = mkdtempSync(nodePath.join(tmpdir(), 'bc-diffbase-'));
    git('init', '-q');
    writeFileSync(
      nodePath.join(dir, 'Dockerfile'),
      '# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN pip install flask\n',
    );
    git('add', '.');
    git('commit', '-q', '-m', 'base');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports and gates only on findings of changed lines', async () => {
    const gate = [
      'scan',
      '.',
      '--format',
      'json',
      '--fail-on',
      'warning',
      '--diff-base',
      'HEAD',
    ];
    const before = await scan(gate);
    expect(JSON.parse(before.stdout).findings).toEqual([]);
    expect(before.code).toBe(0);

    writeFileSync(
      nodePath.join(dir, 'Dockerfile'),
      '# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN pip install flask\nRUN npm ci\n',
    );
    const after = await scan(gate);
    const findings = JSON.parse(after.stdout).findings;
    expect(findings.map((f: { line: number }) => f.line)).toEqual([4]);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(
      '1 of 2 findings are on lines changed since HEAD',
    );
  });

  it('counts untracked files as new', async () => {
    writeFileSync(
      nodePath.join(dir, 'worker.Dockerfile'),
      'FROM node:22\nRUN npm ci\n',
    );
    const { stdout } = await scan([
      'scan',
      '.',
      '--format',
      'json',
      '--diff-base',
      'HEAD',
    ]);
    const paths = JSON.parse(stdout).findings.map(
      (f: { path: string }) => f.path,
    );
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set(['worker.Dockerfile']));
  });

  it('exits 2 with a clear message on an unknown revision', async () => {
    const { code, stderr } = await scan([
      'scan',
      '.',
      '--diff-base',
      'no-such-ref',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--diff-base no-such-ref: unknown git revision "no-such-ref"',
    );
  });
});
