import {
  createServiceFactory,
  type LoggerService,
  type UrlReaderService,
  type UrlReaderServiceReadTreeOptions,
  type UrlReaderServiceReadTreeResponse,
  type UrlReaderServiceReadUrlOptions,
  type UrlReaderServiceReadUrlResponse,
  type UrlReaderServiceSearchOptions,
  type UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  type ReaderFactory,
  type ReadTreeResponseFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkDirectory } from './walkDirectory';

/**
 * Reads `file:` URLs of local directories, so the portal can scan checked-out
 * repositories (the bundled examples, or an offline mirror) through the same
 * UrlReaderService.readTree path as GitHub or GitLab. Only directories under
 * `buildcache.localRepositories.allowedRoots` are readable.
 *
 * @public
 */
export class LocalDirectoryUrlReader implements UrlReaderService {
  static factory: ReaderFactory = ({ config, logger, treeResponseFactory }) => {
    const roots =
      config.getOptionalStringArray(
        'buildcache.localRepositories.allowedRoots',
      ) ?? [];
    if (!roots.length) {
      return [];
    }
    const reader = new LocalDirectoryUrlReader(
      roots.map(root => resolve(root)),
      treeResponseFactory,
      logger,
    );
    return [{ reader, predicate: url => reader.accepts(url) }];
  };

  constructor(
    private readonly allowedRoots: string[],
    private readonly treeResponseFactory: ReadTreeResponseFactory,
    private readonly logger: LoggerService,
  ) {}

  accepts(url: URL): boolean {
    return url.protocol === 'file:' && this.isAllowed(fileURLToPath(url));
  }

  async readUrl(
    url: string,
    _options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const path = this.toAllowedPath(url);
    const info = await statOrNotFound(path, url);
    if (!info.isFile()) {
      throw new InputError(`${url} is not a file`);
    }
    return {
      buffer: () => readFile(path),
      stream: () => createReadStream(path),
      etag: `${info.size}-${info.mtimeMs}`,
      lastModifiedAt: info.mtime,
    };
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const dir = this.toAllowedPath(url);
    const info = await statOrNotFound(dir, url);
    if (!info.isDirectory()) {
      throw new InputError(`${url} is not a directory`);
    }
    const { entries, etag } = await walkDirectory(dir);
    if (options?.etag && options.etag === etag) {
      throw new NotModifiedError();
    }
    const selected = entries.filter(
      entry =>
        !options?.filter || options.filter(entry.path, { size: entry.size }),
    );
    this.logger.debug(
      `Read ${selected.length} of ${entries.length} files from ${dir}`,
    );
    const response = await this.treeResponseFactory.fromReadableArray(
      selected.map(entry => ({
        path: entry.path,
        data: createReadStream(entry.absolutePath),
        lastModifiedAt: entry.modifiedAt,
      })),
    );
    // The factory's response computes its own ETag; ours covers the whole tree.
    return {
      etag,
      files: () => response.files(),
      archive: () => response.archive(),
      dir: dirOptions => response.dir(dirOptions),
    };
  }

  async search(
    url: string,
    _options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?[\]{}]/.test(url)) {
      throw new InputError(
        `The local directory reader does not support glob search: ${url}`,
      );
    }
    const { buffer, etag, lastModifiedAt } = await this.readUrl(url);
    return {
      files: [{ url, content: buffer, lastModifiedAt }],
      etag: etag ?? '',
    };
  }

  toString() {
    return `local-directory{roots=${this.allowedRoots.join(',')}}`;
  }

  private isAllowed(path: string) {
    const target = resolve(path);
    return this.allowedRoots.some(
      root => target === root || target.startsWith(`${root}/`),
    );
  }

  private toAllowedPath(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`Not a URL: ${url}`);
    }
    if (parsed.protocol !== 'file:') {
      throw new InputError(`Not a file: URL: ${url}`);
    }
    const path = resolve(fileURLToPath(parsed));
    if (!this.isAllowed(path)) {
      throw new NotAllowedError(
        `${path} is outside buildcache.localRepositories.allowedRoots`,
      );
    }
    return path;
  }
}

async function statOrNotFound(path: string, url: string) {
  try {
    return await stat(path);
  } catch {
    throw new NotFoundError(`${url} does not exist`);
  }
}

/**
 * Registers the local directory reader with the backend's URL reader.
 * `backend.add(localDirectoryUrlReaderFactory)`.
 *
 * @public
 */
export const localDirectoryUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return LocalDirectoryUrlReader.factory;
  },
});
