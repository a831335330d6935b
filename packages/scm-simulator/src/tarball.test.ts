import { Parser, ReadEntry } from 'tar';
import { gunzipSync } from 'node:zlib';
import { ScmStore } from './store/store';
import { commitArchiveEntries, createTarball } from './tarball';

async function listTar(buffer: Buffer) {
  const entries: Array<{
    path: string;
    type: string;
    content: string;
    mode?: number;
  }> = [];
  const parser = new Parser();
  parser.on('entry', (entry: ReadEntry) => {
    const chunks: Buffer[] = [];
    entry.on('data', (c: Buffer) => chunks.push(c));
    entry.on('end', () =>
      entries.push({
        path: entry.path,
        type: entry.type,
        mode: entry.mode,
        content: Buffer.concat(chunks).toString('utf8'),
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('end', () => resolve());
    parser.on('error', reject);
    parser.end(buffer);
  });
  return entries;
}

describe('tarballs', () => {
  const longPath = `${'very-long-folder-name/'.repeat(
    8,
  )}file-with-a-long-name.txt`;
  const store = new ScmStore();
  const repo = store.addRepository({
    name: 'acme/archive',
    files: {
      [longPath]: 'deep',
      'unicodé/ファイル.md': 'unicode',
      'bin/run': { content: '#!/bin/sh\n', mode: '100755' },
      'docs/a.md': 'a',
    },
  });
  const commit = store.commit(store.branchSha(repo, 'main')!)!;

  it('keeps long and non-ASCII paths (pax headers) and modes', async () => {
    const entries = commitArchiveEntries(
      store.objects,
      commit.tree,
      'acme-archive-1234567',
    )!;
    const gz = await createTarball(entries, {
      mtime: new Date(commit.committer.date),
      comment: commit.sha,
    });
    const listed = await listTar(gunzipSync(gz));
    const files = listed.filter(e => e.type === 'File');
    expect(files.map(e => e.path).sort()).toEqual(
      [
        `acme-archive-1234567/${longPath}`,
        'acme-archive-1234567/bin/run',
        'acme-archive-1234567/docs/a.md',
        'acme-archive-1234567/unicodé/ファイル.md',
      ].sort(),
    );
    expect(files.find(e => e.path.endsWith(longPath))!.content).toBe('deep');
    expect(files.find(e => e.path.endsWith('bin/run'))!.mode).toBe(0o775);
    expect(listed[0].path).toBe('acme-archive-1234567/');
  });

  it('limits an archive to a sub-path, keeping full paths', async () => {
    const entries = commitArchiveEntries(
      store.objects,
      commit.tree,
      'p',
      'docs',
    )!;
    const listed = await listTar(
      await createTarball(entries, { mtime: new Date(), gzip: false }),
    );
    expect(listed.filter(e => e.type === 'File').map(e => e.path)).toEqual([
      'p/docs/a.md',
    ]);
    expect(
      commitArchiveEntries(store.objects, commit.tree, 'p', 'missing'),
    ).toBeUndefined();
  });
});
