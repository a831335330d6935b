import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { NotAllowedError, NotModifiedError } from '@backstage/errors';
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalDirectoryUrlReader } from './LocalDirectoryUrlReader';

describe('LocalDirectoryUrlReader', () => {
  let root: string;
  let repo: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'buildcache-reader-'));
    repo = join(root, 'repos', 'svc');
    await mkdir(join(repo, '.github', 'workflows'), { recursive: true });
    await writeFile(join(repo, 'Dockerfile'), 'FROM alpine\n');
    await writeFile(join(repo, '.github', 'workflows', 'ci.yml'), 'on: push\n');
    await writeFile(join(repo, 'README.md'), '# svc\n');
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  function createReader(allowedRoots: string[]) {
    return UrlReaders.create({
      config: mockServices.rootConfig({
        data: { buildcache: { localRepositories: { allowedRoots } } },
      }),
      logger: mockServices.logger.mock(),
      factories: [LocalDirectoryUrlReader.factory],
    });
  }

  it('reads a filtered tree through the UrlReader service, with a stable ETag', async () => {
    const reader = createReader([join(root, 'repos')]);
    const url = pathToFileURL(repo).href;
    const seen: string[] = [];
    const response = await reader.readTree(url, {
      filter: path => {
        seen.push(path);
        return path !== 'README.md';
      },
    });
    const files = await response.files();
    expect(files.map(f => f.path).sort()).toEqual([
      '.github/workflows/ci.yml',
      'Dockerfile',
    ]);
    const dockerfile = files.find(f => f.path === 'Dockerfile')!;
    expect((await dockerfile.content()).toString()).toBe('FROM alpine\n');
    expect(seen.sort()).toEqual([
      '.github/workflows/ci.yml',
      'Dockerfile',
      'README.md',
    ]);

    await expect(
      reader.readTree(url, { etag: response.etag }),
    ).rejects.toBeInstanceOf(NotModifiedError);

    await writeFile(join(repo, 'Dockerfile'), 'FROM alpine:3.20\n');
    await utimes(
      join(repo, 'Dockerfile'),
      new Date(),
      new Date(Date.now() + 5000),
    );
    const changed = await reader.readTree(url, { etag: response.etag });
    expect(changed.etag).not.toBe(response.etag);
  });

  it('refuses directories outside the allowed roots', async () => {
    const reader = createReader([join(root, 'elsewhere')]);
    await expect(reader.readTree(pathToFileURL(repo).href)).rejects.toThrow(
      /is not allowed/,
    );
    const direct = new LocalDirectoryUrlReader(
      [join(root, 'elsewhere')],
      {} as any,
      mockServices.logger.mock(),
    );
    await expect(
      direct.readTree(pathToFileURL(repo).href),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('registers no reader when no roots are configured', () => {
    expect(
      LocalDirectoryUrlReader.factory({
        config: mockServices.rootConfig({ data: {} }),
        logger: mockServices.logger.mock(),
        treeResponseFactory: {} as any,
      }),
    ).toEqual([]);
  });

  it('reads single files and reports missing ones', async () => {
    const reader = createReader([root]);
    const response = await reader.readUrl(
      pathToFileURL(join(repo, 'Dockerfile')).href,
    );
    expect((await response.buffer()).toString()).toBe('FROM alpine\n');
    await expect(
      reader.readUrl(pathToFileURL(join(repo, 'missing')).href),
    ).rejects.toThrow(/does not exist/);
  });
});
