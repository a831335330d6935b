import type { AuthService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ServiceTarget } from '../database/ScanStore';
import { resolveSourceUrl } from './sourceLocation';

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
];

/** Every catalog entity matching the filter, as a scan target. */
export async function discoverTargets(options: {
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
  filter: Record<string, string | string[]>;
}): Promise<ServiceTarget[]> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    { filter: options.filter, fields: FIELDS },
    { credentials },
  );
  return items.map(entity => toTarget(entity, options.integrations));
}

export function toTarget(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): ServiceTarget {
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    owner: normalizeRef(entity.spec?.owner, 'group', namespace),
    system: normalizeRef(entity.spec?.system, 'system', namespace),
    sourceUrl: resolveSourceUrl(entity, integrations),
  };
}

function normalizeRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | null {
  if (typeof value !== 'string' || !value) {
    return null;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    );
  } catch {
    return null;
  }
}
