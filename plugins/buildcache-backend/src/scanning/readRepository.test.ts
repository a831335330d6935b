import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotModifiedError, ResponseError } from '@backstage/errors';
import { createDownloadSlots, readRepositoryTree } from './readRepository';

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
    expect(tree.files.map(f => f.path)).toEqual([
      'Dockerfile',
      '.github/workflows/ci.yml',
    ]);
    expect(tree.skipped).toEqual([
      { path: 'docker-compose.yml', reason: 'too-large' },
      {
        path: 'svc/Dockerfile',
        reason: 'too-many-files',
        detail: expect.stringContaining('is over the limit of 2 build files'),
      },
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

  it('retries SCM errors, then passes the last through, to be recorded on the scan', async () => {
    const failing = jest.fn(async () => {
      throw await ResponseError.fromResponse(
        new Response('upstream down', {
          status: 503,
          statusText: 'Service Unavailable',
        }) as any,
      );
    });
    const retried: string[] = [];
    await expect(
      readRepositoryTree(
        readerWith(failing),
        'https://scm/down',
        null,
        limits,
        {
          retry: { retries: 2, sleep: async () => {} },
          onRetry: message => retried.push(message),
        },
      ),
    ).rejects.toThrow(/503.*gave up after 3 attempts/);
    expect(failing).toHaveBeenCalledTimes(3);
    expect(retried).toEqual([
      expect.stringMatching(
        /^Retrying the read of https:\/\/scm\/down in \d s: ResponseError/,
      ),
      expect.any(String),
    ]);
  });

  it('starts a retried read afresh: a download cut short, then a good one', async () => {
    const good = treeOf({
      Dockerfile: 10,
      'a/Dockerfile': 10,
      'b/Dockerfile': 10,
    });
    let calls = 0;
    const flaky = readerWith(async (url, options) => {
      calls += 1;
      const response = await good.readTree(url, options);
      if (calls > 1) return response;
      return {
        ...response,
        files: async () => {
          await response.files(); // the filter saw every entry
          throw Object.assign(new Error('Premature close'), {
            code: 'ERR_STREAM_PREMATURE_CLOSE',
          });
        },
      };
    });
    const tree = await readRepositoryTree(
      flaky,
      'https://scm/flaky',
      null,
      limits,
      {
        retry: { sleep: async () => {} },
      },
    );
    if (tree === 'unchanged') throw new Error('unexpected');
    // the limits count per attempt: the first attempt's files are forgotten
    expect(tree.files.map(f => f.path)).toEqual(['Dockerfile', 'a/Dockerfile']);
    expect(tree.skipped.map(s => s.path)).toEqual(['b/Dockerfile']);
  });

  it('lists one file for all those over maxFiles, with their number', async () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 50; i++) many[`.github/workflows/w${i}.yml`] = 10;
    many['big/Dockerfile'] = 500;
    const tree = await readRepositoryTree(
      treeOf(many),
      'https://scm/many',
      null,
      limits,
    );
    if (tree === 'unchanged') throw new Error('unexpected');
    expect(tree.files).toHaveLength(2);
    expect(tree.skipped).toEqual([
      { path: 'big/Dockerfile', reason: 'too-large' },
      {
        path: '.github/workflows/w2.yml',
        reason: 'too-many-files',
        detail:
          'is the first of 48 build files over the limit of 2 per repository (buildcache.limits.maxFiles), none of which was analyzed',
      },
    ]);
  });

  it('bounds the download as well as the lookup', async () => {
    const stalled = readerWith(async () => ({
      etag: 'b'.repeat(40),
      files: () => new Promise(() => {}),
      archive: jest.fn(),
      dir: jest.fn(),
    }));
    await expect(
      readRepositoryTree(stalled, 'https://scm/stalled', null, {
        ...limits,
        timeoutMs: 200,
      }),
    ).rejects.toThrow('Downloading https://scm/stalled timed out after 0s');
  });

  it('waits for the budget, and retries once after a rate-limit refusal', async () => {
    let calls = 0;
    const reader = treeOf({ Dockerfile: 10 });
    const limited = readerWith(async (url, options) => {
      calls += 1;
      if (calls === 1) {
        throw new Error(
          `Request failed for ${url}, 403 Forbidden (rate limit exceeded)`,
        );
      }
      return reader.readTree(url, options);
    });
    const events: string[] = [];
    const budget = {
      acquire: jest.fn(async () => {
        events.push('acquire');
        return () => events.push('release');
      }),
      rateLimited: jest.fn(() => events.push('rate-limited')),
    };
    const tree = await readRepositoryTree(
      limited,
      'https://github.com/acme/app/tree/main',
      null,
      limits,
      { budget },
    );
    expect(tree).not.toBe('unchanged');
    expect(calls).toBe(2);
    expect(events).toEqual([
      'acquire',
      'release',
      'rate-limited',
      'acquire',
      'release',
    ]);
  });

  it('holds a download slot only while the archive is extracted', async () => {
    const slots = createDownloadSlots(1);
    let extracting = 0;
    let most = 0;
    const reader = readerWith(async () => ({
      etag: 'c'.repeat(40),
      files: async () => {
        extracting += 1;
        most = Math.max(most, extracting);
        await new Promise(resolve => setTimeout(resolve, 20));
        extracting -= 1;
        return [];
      },
      archive: jest.fn(),
      dir: jest.fn(),
    }));
    const unchanged = readerWith(async () => {
      throw new NotModifiedError();
    });
    const reads = Array.from({ length: 4 }, (_, i) =>
      readRepositoryTree(reader, `https://scm/r${i}`, null, limits, {
        downloads: slots,
      }),
    );
    // an unchanged repository never waits for a slot
    await expect(
      readRepositoryTree(unchanged, 'https://scm/same', 'e', limits, {
        downloads: slots,
      }),
    ).resolves.toBe('unchanged');
    await Promise.all(reads);
    expect(most).toBe(1);
  });
});
