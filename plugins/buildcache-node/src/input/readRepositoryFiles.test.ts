import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { readRepositoryFiles } from './readRepositoryFiles';

describe('readRepositoryFiles', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    root = mkdtempSync(nodePath.join(tmpdir(), 'bc-repo-'));
    outside = mkdtempSync(nodePath.join(tmpdir(), 'bc-outside-'));
    const write = (p: string, text: string) => {
      mkdirSync(nodePath.dirname(nodePath.join(root, p)), { recursive: true });
      writeFileSync(nodePath.join(root, p), text);
    };
    write('Dockerfile', 'FROM alpine\n');
    write('api/Dockerfile', `FROM alpine\n${'#'.repeat(100)}\n`);
    write('.github/workflows/ci.yml', 'on: push\n');
    write('node_modules/pkg/Dockerfile', 'FROM x\n');
    write('.git/Dockerfile', 'FROM x\n');
    write('src/main.go', 'package main\n');
    writeFileSync(nodePath.join(outside, 'Dockerfile'), 'FROM secret\n');
    symlinkSync(
      nodePath.join(outside, 'Dockerfile'),
      nodePath.join(root, 'linked.Dockerfile'),
    );
    symlinkSync(
      nodePath.join(root, 'Dockerfile'),
      nodePath.join(root, 'inside.Dockerfile'),
    );
    symlinkSync(outside, nodePath.join(root, 'dirlink'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('reads candidates, skips vendored dirs, never follows links out of the root', async () => {
    const result = await readRepositoryFiles(root, { maxFileBytes: 50 });
    expect(result.files.map(f => f.path).sort()).toEqual([
      '.github/workflows/ci.yml',
      'Dockerfile',
      'api/Dockerfile',
      'inside.Dockerfile',
    ]);
    expect(result.presentDirectories.sort()).toEqual([
      '.git',
      '.github',
      'api',
      'node_modules',
      'src',
    ]);
    expect(result.skippedFiles).toEqual([
      { path: 'linked.Dockerfile', reason: 'symlink-outside-root' },
    ]);
    // truncated to one byte over the limit, so the analyzer reports "too large"
    expect(
      result.files.find(f => f.path === 'api/Dockerfile')?.content.length,
    ).toBe(51);
  });
});
