import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Finding, Level } from '@buildcache/plugin-buildcache-common';
import express from 'express';
import type { Knex } from 'knex';
import { ComplianceQueries } from '../database/ComplianceQueries';
import { FindingQueries } from '../database/FindingQueries';
import { applyDatabaseMigrations } from '../database/migrations';
import { ScanStore } from '../database/ScanStore';
import { claim, report } from '../database/testData';
import { createAuthorizer } from '../permissions/authorize';
import { createRouter } from '../router';
import { ScorecardService } from '../service/ScorecardService';
import { SourceFiles } from '../service/SourceFiles';
import { Rescorer } from '../waivers/Rescorer';
import { WaiverStore } from '../database/WaiverStore';
import { CampaignStore } from '../database/CampaignStore';
import { TicketStore } from '../database/TicketStore';
import type { StoredCombinedFix } from '../database/ScanStore';
import { CampaignService } from '../tickets/CampaignService';
import type { TicketProvider, TrackerTarget } from '../tickets/providers/types';
import { DEFAULT_TEMPLATE } from '../tickets/renderTicket';
import { TicketService } from '../tickets/TicketService';

/** A catalog component `name` owned by `owner`, in system `shop`. */
export function serviceEntity(name: string, owner = 'team-a') {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `url:https://github.com/acme/${name}/tree/main/`,
      } as Record<string, string>,
    },
    spec: {
      owner,
      system: 'shop',
      type: 'service',
      lifecycle: 'production',
    },
  };
}

/**
 * The buildcache router over a migrated database, with a mocked catalog
 * (`entities`), permissions that deny the named ones, and a stub runner.
 */
export async function createRouterHarness(
  knex: Knex,
  options: {
    deny?: string[];
    entities?: ReturnType<typeof serviceEntity>[];
    now?: () => Date;
    /** Rules the catalogue serves (default BC1005 only). */
    ruleIds?: string[];
    /** The tracker every ticket goes to (default: none, filing fails). */
    provider?: TicketProvider;
    /** `integrations` config (default: github.com only). */
    integrations?: object;
    /** What the URL reader answers, by URL (default: a line naming the URL). */
    readUrl?: (url: string) => string;
  } = {},
) {
  await applyDatabaseMigrations(knex);
  const store = new ScanStore(knex);
  const integrations = ScmIntegrations.fromConfig(
    mockServices.rootConfig({
      data: { integrations: options.integrations ?? {} },
    }),
  );
  const waivers = new WaiverStore(knex);
  const rescorer = new Rescorer({
    store,
    waivers,
    weights: {},
    now: options.now,
  });
  const catalog = catalogServiceMock({
    entities: options.entities ?? [serviceEntity('payments')],
  });
  const scorecards = new ScorecardService({
    store,
    waivers,
    catalog,
    integrations,
  });
  const readUrl = options.readUrl ?? ((url: string) => `# ${url}\n`);
  const sources = new SourceFiles({
    store,
    reader: mockServices.urlReader.mock({
      readUrl: async (url: string) => {
        const text = readUrl(url);
        return { buffer: async () => Buffer.from(text, 'utf8') };
      },
    }),
    integrations,
    maxFileBytes: 1024,
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: options.deny?.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })) as any,
  });
  const runner = {
    requestScan: jest.fn(async () =>
      claim(store, {
        entityRef: 'component:default/payments',
        trigger: 'user',
        sourceUrl: null,
      }),
    ),
  };
  const rules = () =>
    (options.ruleIds ?? ['BC1005']).map(id => ({
      id,
      target: 'dockerfile' as const,
      name: id === 'BC1005' ? 'package-install-without-cache-mount' : id,
      severity: 'warning' as const,
      summary: 's',
      rationale: 'r',
      recommendedFix: 'f',
      sources: [],
      docs: `# ${id}`,
    }));
  const ticketStore = new TicketStore(knex, options.now);
  const logger = mockServices.logger.mock();
  const tickets = new TicketService({
    tickets: ticketStore,
    store,
    scorecards,
    catalog,
    integrations,
    providerFor: (target: TrackerTarget) => {
      if (!options.provider) {
        throw new Error(`no tracker for ${target.provider} in this test`);
      }
      return options.provider;
    },
    rules,
    logger,
    settings: {
      defaultTracker: 'source',
      jiraProjectKey: null,
      labels: ['buildcache'],
      template: DEFAULT_TEMPLATE,
      portalBaseUrl: 'http://portal.test',
    },
    now: options.now,
  });
  const campaigns = new CampaignService({
    campaigns: new CampaignStore(knex, options.now),
    queries: new ComplianceQueries(knex),
    tickets,
    serviceCredentials: async () => mockCredentials.service(),
    perMinute: 600,
    logger,
    sleep: async () => {},
  });
  const auditor = mockServices.auditor.mock();
  const router = await createRouter({
    store,
    queries: new ComplianceQueries(knex),
    findings: new FindingQueries(knex),
    runner,
    scorecards,
    sources,
    waivers,
    rescorer,
    authorizer: createAuthorizer({
      httpAuth: mockServices.httpAuth(),
      permissions,
    }),
    rules,
    tickets,
    ticketStore,
    campaigns,
    auditor,
  });
  const app = express().use(router).use(mockErrorHandler());
  return {
    app,
    store,
    runner,
    waivers,
    rescorer,
    tickets,
    ticketStore,
    campaigns,
    auditor,
  };
}

/** Records a succeeded scan of `name` with these findings, as scored by `rescorer`. */
export async function seedService(
  harness: Pick<Awaited<ReturnType<typeof createRouterHarness>>, 'store'> & {
    rescorer?: Rescorer;
  },
  name: string,
  findings: Finding[],
  score = 92,
  level: Level = 'Gold',
  owner = 'group:default/team-a',
  combinedFixes?: ReadonlyMap<string, StoredCombinedFix>,
) {
  const { store, rescorer } = harness;
  const target = {
    entityRef: `component:default/${name}`,
    title: name,
    owner,
    system: 'system:default/shop',
    sourceUrl: `https://github.com/acme/${name}/tree/main/`,
  };
  await store.upsertServices([target]);
  const scanId = await claim(store, {
    entityRef: target.entityRef,
    trigger: 'schedule',
    sourceUrl: target.sourceUrl,
  });
  const r = report(findings, score, level);
  await store.completeSucceeded(scanId, target.entityRef, {
    etag: 'f'.repeat(40),
    commitSha: 'f'.repeat(40),
    bytesRead: 10,
    report: r,
    combinedFixes,
    effective: rescorer
      ? await rescorer.effective(target, r.findings, level !== 'NotApplicable')
      : undefined,
  });
  return scanId;
}
