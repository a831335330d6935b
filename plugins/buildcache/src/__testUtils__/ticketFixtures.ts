import type {
  Campaign,
  Ticket,
  TicketResult,
} from '@buildcache/plugin-buildcache-common';
import { scorecard } from './fixtures';

/** Tickets, previews and campaigns as the backend serves them. */

export const issueTicket: Ticket = {
  id: '6f1c2a4e-1b7d-4c1e-9a53-1f0e2d3c4b5a',
  entityRef: 'component:default/payments-api',
  kind: 'issue',
  tracker: 'github',
  target: 'github:github.com/acme/payments-api',
  externalId: '12',
  url: 'https://github.com/acme/payments-api/issues/12',
  state: 'open',
  title: 'BuildKit cache: apt-without-cache-mount in Dockerfile',
  fingerprint: 'f1e2d3c4b5a6',
  branch: null,
  createdBy: 'user:default/guest',
  createdAt: '2030-01-01T11:00:00.000Z',
  updatedAt: '2030-01-01T11:00:00.000Z',
  syncedAt: '2030-01-01T11:30:00.000Z',
  closedReason: null,
  syncError: null,
  findings: [
    { ruleId: 'BC1001', path: 'Dockerfile', fingerprint: 'a1b2c3d4e5f6' },
  ],
};

export const pullRequestTicket: Ticket = {
  ...issueTicket,
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  kind: 'pull-request',
  externalId: '7',
  url: 'https://github.com/acme/payments-api/pull/7',
  state: 'merged',
  title: 'BuildKit cache: apply the fixes of Dockerfile',
  fingerprint: '0a9b8c7d6e5f',
  branch: 'buildcache/fix-payments-api-0a9b8c7d6e',
  findings: [{ ruleId: '*', path: 'Dockerfile', fingerprint: 'b2c3d4e5f6a7' }],
};

export const issuePreview: TicketResult = {
  outcome: 'would-create',
  tickets: [],
  preview: {
    target: 'github:github.com/acme/payments-api',
    title: 'BuildKit cache: apt-without-cache-mount in Dockerfile',
    body: '## Payments API\n\n- **BC1001** apt-get runs without cache mounts ([Dockerfile:4](https://github.com/acme/payments-api/blob/abc123/Dockerfile#L4))\n\n<!-- buildcache:f1e2d3c4b5a6 -->',
    patch: '',
  },
};

export const pullRequestPreview: TicketResult = {
  outcome: 'would-create',
  tickets: [],
  preview: {
    target: 'github:github.com/acme/payments-api',
    title: 'BuildKit cache: apply the fixes of Dockerfile',
    body: 'Applies the combined fix of `Dockerfile`.',
    patch: scorecard.files[0].combinedFix!.diff,
  },
};

export const dryRunCampaign: Campaign = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  kind: 'issue',
  filter: { owner: 'group:default/team-payments', ruleId: 'BC1001' },
  dryRun: true,
  status: 'done',
  total: 3,
  createdBy: 'user:default/guest',
  createdAt: '2030-01-01T12:00:00.000Z',
  finishedAt: '2030-01-01T12:00:01.000Z',
  results: [
    {
      entityRef: 'component:default/payments-api',
      outcome: 'would-update',
      ticketId: issueTicket.id,
      ticketUrl: issueTicket.url,
      reason: null,
    },
    {
      entityRef: 'component:default/search-indexer',
      outcome: 'would-create',
      ticketId: null,
      ticketUrl: null,
      reason: null,
    },
    {
      entityRef: 'component:default/legacy-cron',
      outcome: 'skipped',
      ticketId: null,
      ticketUrl: null,
      reason: 'no open findings of BC1001',
    },
  ],
};
