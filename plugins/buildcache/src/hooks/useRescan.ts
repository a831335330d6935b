import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { ScanStatus } from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef, TERMINAL_SCAN_STATUSES } from '../api';

/** Where a rescan stands, from the button's point of view. */
export type RescanState =
  | { phase: 'idle' }
  | { phase: 'running'; status: ScanStatus }
  | { phase: 'finished'; status: 'succeeded' | 'unchanged' }
  | { phase: 'failed'; message: string };

export interface RescanOptions {
  /** Called once the scan reached succeeded or unchanged. */
  onFinished: () => void;
  pollIntervalMs?: number;
  /** Polls before giving up; the scan may still finish in the background. */
  maxPolls?: number;
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Requests a scan and polls it until it is done. Stops polling when the
 * component unmounts.
 */
export function useRescan(entityRef: string, options: RescanOptions) {
  const { onFinished, pollIntervalMs = 2000, maxPolls = 300 } = options;
  const api = useApi(buildcacheApiRef);
  const [state, setState] = useState<RescanState>({ phase: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const start = useCallback(async () => {
    setState({ phase: 'running', status: 'queued' });
    try {
      const requested = await api.requestScan(entityRef);
      let status = requested.status;
      let error: string | null = null;
      for (let polls = 0; !TERMINAL_SCAN_STATUSES.includes(status); polls++) {
        if (!mounted.current) return;
        setState({ phase: 'running', status });
        if (polls >= maxPolls) {
          setState({
            phase: 'failed',
            message:
              'The scan is still running; reload the page later to see its result.',
          });
          return;
        }
        await sleep(pollIntervalMs);
        if (!mounted.current) return;
        const scan = await api.getScan(requested.scanId);
        status = scan.status;
        error = scan.error;
      }
      if (!mounted.current) return;
      if (status === 'failed') {
        setState({ phase: 'failed', message: error ?? 'The scan failed.' });
      } else {
        setState({
          phase: 'finished',
          status: status as 'succeeded' | 'unchanged',
        });
      }
      // A failed scan may still have updated lastScan and the stale flag.
      onFinished();
    } catch (e) {
      if (mounted.current) {
        setState({
          phase: 'failed',
          message: e instanceof Error ? e.message : String(e),
        });
      }
    }
  }, [api, entityRef, onFinished, pollIntervalMs, maxPolls]);

  return { state, start };
}
