import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCliArgs, runCli, startFromCli } from './cli';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (text: string) => {
        out.stdout += text;
      },
      stderr: (text: string) => {
        out.stderr += text;
      },
    },
  };
}

describe('scm-simulator command line', () => {
  it('parses the flags in both forms', () => {
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--owner=acme',
        '--token',
        't',
        '--seed-dir',
        'x',
      ]),
    ).toEqual({
      port: 0,
      owner: 'acme',
      token: 't',
      seedDir: 'x',
      help: false,
    });
    expect(
      parseCliArgs(['--gitlab-port=7071', '--rate-limit', '10']),
    ).toMatchObject({
      port: 7070,
      gitlabPort: 7071,
      rateLimit: 10,
    });
  });

  it('exits 2 with a clear error for unknown or broken flags', async () => {
    for (const argv of [
      ['--verbose'],
      ['--port'],
      ['--port', 'abc'],
      ['stray'],
    ]) {
      const { out, io } = capture();
      expect(await runCli(argv, io, async () => undefined)).toBe(2);
      expect(out.stderr).toMatch(/^scm-simulator: /);
      expect(out.stderr).toContain('Usage: scm-simulator');
    }
  });

  it('seeds one repository per subfolder with files, prints the URLs and stops', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scm-cli-'));
    try {
      mkdirSync(path.join(dir, 'api', 'src'), { recursive: true });
      writeFileSync(path.join(dir, 'api', 'src', 'main.go'), 'package main\n');
      mkdirSync(path.join(dir, 'web'));
      writeFileSync(path.join(dir, 'web', 'Dockerfile'), 'FROM nginx\n');
      mkdirSync(path.join(dir, 'empty', 'nested'), { recursive: true });
      writeFileSync(path.join(dir, 'loose-file.txt'), 'not a repository');
      const { out, io } = capture();
      const sim = await startFromCli(
        { port: 0, owner: 'acme', seedDir: dir, help: false },
        io,
      );
      try {
        expect(sim.state.repositories().map(r => r.name)).toEqual([
          'acme/api',
          'acme/web',
        ]);
        expect(sim.state.readFile('acme/api', 'src/main.go')).toBe(
          'package main\n',
        );
        expect(out.stdout).toContain(`listening on ${sim.url}`);
        expect(out.stdout).toContain(sim.githubApiUrl);
        expect(out.stdout).toContain(sim.gitlabApiUrl);
      } finally {
        await sim.close();
      }
      const run = capture();
      expect(
        await runCli(
          ['--port', '0', '--seed-dir', dir],
          run.io,
          async () => undefined,
        ),
      ).toBe(0);
      expect(run.out.stdout).toContain('repositories: acme/api, acme/web');
      expect(run.out.stdout).toContain('scm-simulator stopped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
