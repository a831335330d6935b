import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScmStore, toChanges } from './store';
import { normalizeRepoPath, isValidRefName } from './paths';
import { createPull, mergePull } from './issues';
import { walkHistory } from './history';
import { seedFromDirectory } from './seed';

function gitAvailable(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('ScmStore', () => {
  it('writes git-compatible object ids', () => {
    const store = new ScmStore();
    const sha = store.objects.putBlob(Buffer.from('console.log(1)\n'));
    expect(sha).toBe('e14c4f2a9561ade31986f9319d5c639094509905');
  });

  it('builds the same tree id as git for nested files', () => {
    if (!gitAvailable()) return;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scm-store-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'a.txt'), 'a\n');
      writeFileSync(path.join(dir, 'src', 'b.txt'), 'b\n');
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
      git('init', '-q');
      git('add', '.');
      const expected = git('write-tree');
      const store = new ScmStore();
      const repo = store.addRepository({
        name: 'acme/tree',
        files: { 'a.txt': 'a\n', 'src/b.txt': 'b\n' },
      });
      const head = store.commit(store.branchSha(repo, 'main')!)!;
      expect(head.tree).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits changes, keeps history and finds files by ref', () => {
    const store = new ScmStore();
    const repo = store.addRepository({
      name: 'acme/app',
      files: { 'a.txt': 'one' },
    });
    const first = store.branchSha(repo, 'main')!;
    const second = store.commitToBranch(
      repo,
      'main',
      toChanges({ 'a.txt': 'two', 'dir/b.txt': 'b' }),
      'change',
    );
    expect(second.parents).toEqual([first]);
    expect(store.readFile(repo, 'main', 'a.txt')!.content.toString()).toBe(
      'two',
    );
    expect(store.readFile(repo, first, 'a.txt')!.content.toString()).toBe(
      'one',
    );
    expect(store.readFile(repo, first.slice(0, 7), 'a.txt')).toBeDefined();
    const third = store.commitToBranch(
      repo,
      'main',
      toChanges({ 'a.txt': null }),
      'rm',
    );
    expect(store.readFile(repo, third.sha, 'a.txt')).toBeUndefined();
    const touching = walkHistory(store.objects, third.sha, { path: 'a.txt' });
    expect(touching.map(c => c.message)).toEqual([
      'rm',
      'change',
      'Initial commit',
    ]);
    const dirHistory = walkHistory(store.objects, third.sha, { path: 'dir' });
    expect(dirHistory.map(c => c.message)).toEqual(['change']);
  });

  it('replaces a file by a folder and back, as git does', () => {
    const store = new ScmStore();
    const repo = store.addRepository({
      name: 'acme/app',
      files: { x: 'file' },
    });
    store.commitToBranch(repo, 'main', toChanges({ 'x/y': 'nested' }), 'c');
    expect(store.readFile(repo, 'main', 'x')).toBeUndefined();
    expect(store.readFile(repo, 'main', 'x/y')!.content.toString()).toBe(
      'nested',
    );
  });

  it('refuses paths that leave the repository', () => {
    const store = new ScmStore();
    const repo = store.addRepository({ name: 'acme/app' });
    for (const bad of [
      '../x',
      'a/../../x',
      'a/./b',
      '.git/config',
      'a\\b',
      'a\0b',
      '',
    ]) {
      expect(() =>
        store.commitToBranch(repo, 'main', toChanges({ [bad]: 'x' }), 'bad'),
      ).toThrow(/Invalid file path/);
    }
    expect(normalizeRepoPath('/a/b/')).toBe('a/b');
    expect(normalizeRepoPath('a//b')).toBeUndefined();
    expect(isValidRefName('feature/x')).toBe(true);
    expect(isValidRefName('../main')).toBe(false);
    expect(isValidRefName('a..b')).toBe(false);
  });

  it('rejects invalid and duplicate repository names', () => {
    const store = new ScmStore();
    store.addRepository({ name: 'acme/app' });
    expect(() => store.addRepository({ name: 'ACME/App' })).toThrow(
      /already exists/,
    );
    expect(() => store.addRepository({ name: 'single' })).toThrow(
      /Invalid repository/,
    );
    expect(() => store.addRepository({ name: 'acme/../etc' })).toThrow(
      /Invalid repository/,
    );
    expect(store.repository('Acme/APP')!.fullName).toBe('acme/app');
    expect(store.repository(1)!.fullName).toBe('acme/app');
    store.addRepository({ name: 'group/sub/project' });
    expect(store.repository('group/sub/project')!.owner).toBe('group/sub');
  });

  it('merges a pull request with a merge commit carrying the head changes', () => {
    const store = new ScmStore();
    const repo = store.addRepository({
      name: 'acme/app',
      files: { a: '1', b: '1' },
    });
    store.commitToBranch(repo, 'fix', toChanges({ a: '2' }), 'fix a');
    store.commitToBranch(repo, 'main', toChanges({ b: '2' }), 'main b');
    const pull = createPull(store, repo, {
      title: 'Fix',
      head: 'fix',
      base: 'main',
      author: 'bot',
    });
    const merge = mergePull(store, repo, pull);
    expect(merge.parents).toHaveLength(2);
    expect(store.readFile(repo, 'main', 'a')!.content.toString()).toBe('2');
    expect(store.readFile(repo, 'main', 'b')!.content.toString()).toBe('2');
    expect(pull.state).toBe('closed');
    expect(pull.pull!.merged).toBe(true);
    expect(() => mergePull(store, repo, pull)).toThrow(/not open/);
  });
});

describe('seedFromDirectory', () => {
  it('reads files, skips .git and symbolic links, keeps the executable bit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scm-seed-'));
    const outside = mkdtempSync(path.join(os.tmpdir(), 'scm-outside-'));
    try {
      mkdirSync(path.join(dir, '.git'));
      writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref');
      mkdirSync(path.join(dir, 'bin'));
      writeFileSync(path.join(dir, 'bin', 'run'), '#!/bin/sh\n');
      chmodSync(path.join(dir, 'bin', 'run'), 0o755);
      writeFileSync(path.join(dir, 'README.md'), 'hi');
      writeFileSync(path.join(outside, 'secret'), 'secret');
      symlinkSync(path.join(outside, 'secret'), path.join(dir, 'link'));
      symlinkSync(outside, path.join(dir, 'linked-dir'));
      const files = await seedFromDirectory(dir);
      expect(Object.keys(files).sort()).toEqual(['README.md', 'bin/run']);
      expect(files['bin/run'].mode).toBe('100755');
      expect(files['README.md'].mode).toBe('100644');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
