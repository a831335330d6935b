import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  Campaign,
  CreateCampaignRequest,
} from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef, TERMINAL_CAMPAIGN_STATUSES } from '../api';
import { errorMessage } from '../components/common/errorMessage';

/** A started campaign as followed by the page. */
export interface CampaignRunState {
  /** The campaign as last read; undefined until it was started. */
  campaign?: Campaign;
  /** Starting or reading it failed (the backend's message). */
  error?: string;
  /** True from the start request until the campaign is done or polling failed. */
  busy: boolean;
}

const isFinished = (campaign: Campaign) =>
  TERMINAL_CAMPAIGN_STATUSES.includes(campaign.status);

/**
 * Starts a campaign and polls it every `pollIntervalMs` until it is done or
 * interrupted. Polling stops when the component unmounts; after a failed
 * read, `resume` polls again.
 */
export function useCampaignRun(pollIntervalMs = 2000) {
  const api = useApi(buildcacheApiRef);
  const [state, setState] = useState<CampaignRunState>({ busy: false });
  const mounted = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const follow = useCallback(
    async (campaign: Campaign) => {
      let current = campaign;
      try {
        while (!isFinished(current)) {
          await new Promise<void>(resolve => {
            timer.current = setTimeout(resolve, pollIntervalMs);
          });
          if (!mounted.current) return;
          current = await api.getCampaign(current.id);
          if (!mounted.current) return;
          setState({ campaign: current, busy: !isFinished(current) });
        }
      } catch (e) {
        if (mounted.current) {
          setState({ campaign: current, error: errorMessage(e), busy: false });
        }
      }
    },
    [api, pollIntervalMs],
  );

  const start = useCallback(
    async (request: Omit<CreateCampaignRequest, 'dryRun'>) => {
      setState({ busy: true });
      try {
        const campaign = await api.createCampaign({
          ...request,
          dryRun: false,
        });
        if (!mounted.current) return;
        setState({ campaign, busy: !isFinished(campaign) });
        await follow(campaign);
      } catch (e) {
        if (mounted.current) {
          setState({ error: errorMessage(e), busy: false });
        }
      }
    },
    [api, follow],
  );

  /** Polls again after a failed read. */
  const resume = useCallback(() => {
    const campaign = state.campaign;
    if (!campaign) return;
    setState({ campaign, busy: true });
    follow(campaign);
  }, [follow, state.campaign]);

  return { ...state, start, resume };
}
