import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  type Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The repository tree to read for an entity: its source location, or else the
 * folder holding the catalog file that manages it. Null when it has neither
 * (the service is then listed as having no source) or the reference is
 * malformed.
 */
export function resolveSourceUrl(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): string | null {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  const managedBy = annotations[ANNOTATION_LOCATION];
  try {
    if (source) {
      const { type, target } = parseLocationRef(source);
      return type === 'file' ? pathToFileURL(target).href : target;
    }
    if (managedBy) {
      const { type, target } = parseLocationRef(managedBy);
      if (type === 'file') {
        return pathToFileURL(dirname(target)).href;
      }
      if (type === 'url') {
        return integrations.resolveUrl({ url: './', base: target });
      }
    }
  } catch {
    return null;
  }
  return null;
}
