import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { SourceFile } from '@buildcache/plugin-buildcache-common';
import type { ScanStore, ServiceTarget } from '../database/ScanStore';
import { folderUrl, scmLineUrl } from './scmLinks';

/**
 * Reads one analyzed file of a service from its source location, for the
 * portal's source view. Only paths of the last good scan are readable, so
 * the endpoint cannot be used to read anything else of the repository.
 */
export class SourceFiles {
  constructor(
    private readonly deps: {
      store: ScanStore;
      reader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
      maxFileBytes: number;
    },
  ) {}

  async read(target: ServiceTarget, path: string): Promise<SourceFile> {
    const { store, reader, integrations, maxFileBytes } = this.deps;
    const service = await store.getService(target.entityRef);
    const scanId = service?.lastGoodScanId;
    if (!scanId) {
      throw new NotFoundError(`${target.entityRef} has not been scanned yet`);
    }
    const files = await store.getFiles(scanId);
    if (!files.some(file => file.path === path)) {
      throw new NotFoundError(
        `${path} is not a file buildcache analyzed in ${target.entityRef}`,
      );
    }
    const sourceUrl = service.sourceUrl ?? target.sourceUrl;
    if (!sourceUrl) {
      throw new NotFoundError(`${target.entityRef} has no source location`);
    }
    const response = await reader.readUrl(
      integrations.resolveUrl({ url: path, base: folderUrl(sourceUrl) }),
    );
    const buffer = await response.buffer();
    if (buffer.length > maxFileBytes) {
      throw new InputError(
        `${path} is ${buffer.length} bytes, over the ${maxFileBytes} byte limit of buildcache.limits.maxFileBytes`,
      );
    }
    return {
      path,
      text: buffer.toString('utf8'),
      url: scmLineUrl(integrations, sourceUrl, path),
    };
  }
}
