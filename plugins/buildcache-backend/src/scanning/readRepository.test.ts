import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { readRepositoryTree } from './readRepository';

// A generous timeout, so a busy machine never turns a read into a timeout;
// the hanging-reader test sets its own short one.
const limits = { maxFileBytes: 100, maxFiles: 2, timeoutMs: 60_000 };

function readerWith(readTree: UrlReaderService['readTree']): UrlReaderService {
  return { readTree, readUrl: jest.fn(), search: jest.fn() };
}

function treeOf(paths: Record<string, number>) {
  return readerWith(async (_url, options) => {
    const kept = Object.entries(paths).filter(([path, size]) =>
      options?.filter ? options.filter(path, { size }) : true,
    );
    return {
      etag: 'a'.repeat(40),
      files: async () =>
        kept.map(([path, size]) => ({
          path,
          content: async () => Buffer.alloc(size, 'x'),
        })),
      archive: jest.fn(),
      dir: jest.fn(),
    };
  });
}

describe('readRepositoryTree', () => {
  it('extracts only build files, records skipped ones and the commit', async () => {
    const tree = await readRepositoryTree(
      treeOf({
        Dockerfile: 10,
        'src/app.py': 10,
        'node_modules/x/Dockerfile': 10,
        'docker-compose.yml': 500,
        '.github/workflows/ci.yml': 20,
        'svc/Dockerfile': 20,
      }),
      'https://github.com/acme/app/tree/main',
      null,
      limits,
    );
    if (tree === 'unchanged') throw new Error('unexpected');
    expect(tree.files.map(f => [f.path, f.skippedReason])).toEqual([
      ['Dockerfile', undefined],
      ['.github/workflows/ci.yml', undefined],
      ['docker-compose.yml', 'too-large'],
      ['svc/Dockerfile', 'too-many-files'],
    ]);
    expect(tree.commitSha).toBe('a'.repeat(40));
    expect(tree.bytesRead).toBe(30);
    expect(tree.presentDirectories).toEqual([
      '.github',
      'node_modules',
      'src',
      'svc',
    ]);
  });

  it('gives up on a reader that never answers', async () => {
    const hanging = readerWith(() => new Promise(() => {}));
    await expect(
      readRepositoryTree(hanging, 'https://scm/slow', null, {
        ...limits,
        timeoutMs: 200,
      }),
    ).rejects.toThrow('Reading https://scm/slow timed out after 0s');
  });

  it('passes SCM errors through, to be recorded on the scan', async () => {
    const failing = readerWith(async () => {
      throw await ResponseError.fromResponse(
        new Response('upstream down', {
          status: 503,
          statusText: 'Service Unavailable',
        }) as any,
      );
    });
    await expect(
      readRepositoryTree(failing, 'https://scm/down', null, limits),
    ).rejects.toThrow(/503/);
  });
});
