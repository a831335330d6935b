import type { BuildcacheApi } from '../api';
import {
  history,
  rules,
  scorecard,
  servicesPage,
  summary,
  waivers,
} from './fixtures';
import { dryRunCampaign, issuePreview } from './ticketFixtures';

/** A BuildcacheApi whose every method is a jest mock with realistic answers. */
export function createMockBuildcacheApi(
  overrides: Partial<BuildcacheApi> = {},
): jest.Mocked<BuildcacheApi> {
  return {
    getScorecard: jest.fn(async () => scorecard),
    getHistory: jest.fn(async () => history),
    getSourceFile: jest.fn(async (_entity, path) => ({
      path,
      text: 'FROM python:3.12\nRUN pip install -r requirements.txt\n',
      url: null,
    })),
    requestScan: jest.fn(async () => ({
      scanId: 'scan-42',
      status: 'queued' as const,
    })),
    getScan: jest.fn(async () => ({
      id: 'scan-42',
      entityRef: scorecard.entityRef,
      status: 'succeeded' as const,
      startedAt: '2030-01-01T10:00:00.000Z',
      finishedAt: '2030-01-01T10:00:05.000Z',
      error: null,
    })),
    getComplianceSummary: jest.fn(async () => summary),
    getComplianceFacets: jest.fn(async () => ({
      owners: summary.groups.map(g => g.key),
      systems: ['system:default/payments'],
      ruleIds: summary.adoption.map(a => a.ruleId),
    })),
    listComplianceServices: jest.fn(async () => servicesPage),
    exportComplianceServicesCsv: jest.fn(
      async () => new Blob(['entityRef,score\n'], { type: 'text/csv' }),
    ),
    exportFindingsCsv: jest.fn(
      async () =>
        new Blob(['service,owner,system,rule,file,line,severity,state\r\n'], {
          type: 'text/csv',
        }),
    ),
    listRules: jest.fn(async () => rules),
    listWaivers: jest.fn(async () => waivers),
    createWaiver: jest.fn(async request => ({
      id: 'waiver-1',
      target: request.target,
      ruleId: request.ruleId,
      path: request.path ?? null,
      reason: request.reason,
      createdBy: 'user:default/guest',
      createdAt: '2030-01-02T00:00:00.000Z',
      expiresAt: request.expiresAt ?? null,
    })),
    deleteWaiver: jest.fn(async () => undefined),
    createTicket: jest.fn(async () => issuePreview),
    listTickets: jest.fn(async () => []),
    createCampaign: jest.fn(async () => dryRunCampaign),
    getCampaign: jest.fn(async () => dryRunCampaign),
    ...overrides,
  } as jest.Mocked<BuildcacheApi>;
}
