import { useApi } from '@backstage/core-plugin-api';
import type { Ticket } from '@buildcache/plugin-buildcache-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { buildcacheApiRef } from '../api';

/** A service's tickets, as loaded for its scorecard. */
export interface TicketsState {
  /** The last loaded list; kept while reloading. */
  tickets: Ticket[];
  loading: boolean;
  error: Error | undefined;
  /** Reloads the list (e.g. after a ticket was filed). */
  retry: () => void;
}

const NONE: Ticket[] = [];

/** Loads the tickets and fix pull requests filed for an entity. */
export function useTickets(entityRef: string): TicketsState {
  const api = useApi(buildcacheApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listTickets(entityRef),
    [api, entityRef],
  );
  return { tickets: value ?? NONE, loading, error, retry };
}
