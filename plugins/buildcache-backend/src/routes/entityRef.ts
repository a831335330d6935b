import { stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The entity ref of a `/v1/entities/:kind/:namespace/:name/...` route,
 * lower-cased. The parts were already checked against the spec's patterns.
 */
export function entityRefFromPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return stringifyEntityRef(params).toLocaleLowerCase('en-US');
}
