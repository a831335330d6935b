import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef, type SubRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ruleRouteRef, sourceRouteRef, waiversRouteRef } from '../../routes';

/**
 * The link function of one of the plugin's pages, or undefined when the app
 * has not mounted the buildcache page (the entity card and tab still work
 * then, without links). useRouteRef throws for an unmounted ref at the same
 * point of every render, so catching it keeps the hook order stable.
 */
function useOptionalSubRoute<
  Params extends { [param in string]: string } | undefined,
>(ref: SubRouteRef<Params>): ((params: Params) => string) | undefined {
  try {
    const route = useRouteRef(ref) as unknown as (params: Params) => string;
    return route;
  } catch {
    return undefined;
  }
}

/** The path of a rule's page, e.g. /buildcache/rules/BC1001. */
export function useRuleLink(): ((ruleId: string) => string) | undefined {
  const route = useOptionalSubRoute(ruleRouteRef);
  return route && ((ruleId: string) => route({ ruleId }));
}

/** The waivers page's path, e.g. /buildcache/waivers. */
export function useWaiversLink(): string | undefined {
  return useOptionalSubRoute(waiversRouteRef)?.(undefined);
}

/** The in-portal view of a scanned file, at a line. */
export function useSourceLink():
  | ((
      entity: { kind: string; namespace: string; name: string },
      path: string,
      line?: number,
    ) => string)
  | undefined {
  const route = useOptionalSubRoute(sourceRouteRef);
  return (
    route &&
    ((entity, path, line) => {
      const query = new URLSearchParams({ path });
      if (line) query.set('line', String(line));
      return `${route({
        namespace: entity.namespace,
        kind: entity.kind,
        name: entity.name,
      })}?${query}${line ? `#L${line}` : ''}`;
    })
  );
}

/** The buildcache tab of a service's entity page, from its entity ref. */
export function useEntityTabLink(): (entityRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  return entityRef => {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `${entityRoute({ kind, namespace, name })}/buildcache`;
  };
}
