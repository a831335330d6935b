import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { buildcacheApiRef } from '../api';

/** Loads an entity's scorecard; `retry` reloads it (e.g. after a rescan). */
export function useScorecard(entityRef: string) {
  const api = useApi(buildcacheApiRef);
  return useAsyncRetry(() => api.getScorecard(entityRef), [api, entityRef]);
}
