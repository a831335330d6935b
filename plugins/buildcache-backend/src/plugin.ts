import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { buildcachePermissions } from '@buildcache/plugin-buildcache-common';
import {
  AnalysisPool,
  buildcacheRulesExtensionPoint,
  createRuleRegistry,
  defaultRules,
  type Rule,
} from '@buildcache/plugin-buildcache-node';
import { readBuildcacheConfig } from './config';
import { ComplianceQueries } from './database/ComplianceQueries';
import { FindingQueries } from './database/FindingQueries';
import { applyDatabaseMigrations } from './database/migrations';
import { ScanStore } from './database/ScanStore';
import { createAuthorizer } from './permissions/authorize';
import { createRouter } from './router';
import {
  analysisKeyOf,
  createTreeAnalysis,
  describeRules,
} from './scanning/createTreeAnalyzer';
import { GithubHeads } from './scanning/githubHeads';
import { GitlabHeads } from './scanning/gitlabHeads';
import { combineHeadLookups } from './scanning/headLookup';
import { GithubRateBudget } from './scanning/githubRateBudget';
import { ScanRunner } from './scanning/ScanRunner';
import { scheduleScans } from './scanning/scheduleScans';
import { validateRuleConfig } from './scanning/validateRuleConfig';
import { ScorecardService } from './service/ScorecardService';
import { SourceFiles } from './service/SourceFiles';
import { Rescorer } from './waivers/Rescorer';
import { WaiverStore } from './database/WaiverStore';
import { CampaignStore } from './database/CampaignStore';
import { TicketStore } from './database/TicketStore';
import { CampaignService } from './tickets/CampaignService';
import { createProviderRegistry } from './tickets/providerRegistry';
import { scheduleTicketSync } from './tickets/scheduleTicketSync';
import { TicketService } from './tickets/TicketService';
import { readTicketsConfig } from './tickets/ticketsConfig';
import { JiraProvider } from './tickets/providers/JiraProvider';

/**
 * buildcache backend plugin: scans catalogued repositories for BuildKit cache
 * practice and serves scorecards. This file only wires services together.
 *
 * @public
 */
export const buildcachePlugin = createBackendPlugin({
  pluginId: 'buildcache',
  register(env) {
    const customRules: Rule[] = [];
    env.registerExtensionPoint(buildcacheRulesExtensionPoint, {
      addRules(...rules) {
        customRules.push(...rules);
      },
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const config = readBuildcacheConfig(deps.config);
        const ticketsConfig = readTicketsConfig(deps.config);
        const rules = createRuleRegistry([
          ...defaultRules,
          ...customRules,
        ]).rules;
        validateRuleConfig(config.ruleConfig, rules);
        const ruleInfos = describeRules(rules);

        const db = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await applyDatabaseMigrations(db);
        }
        const store = new ScanStore(db);
        const waivers = new WaiverStore(db);
        const rescorer = new Rescorer({
          store,
          waivers,
          weights: config.weights,
        });
        const integrations = ScmIntegrations.fromConfig(deps.config);
        // analysis off the main thread, unless rules from other modules
        // (code, which cannot cross to a worker) must run
        const pool =
          config.analysisWorkers > 0 && customRules.length === 0
            ? new AnalysisPool({ size: config.analysisWorkers })
            : null;
        if (!pool && config.analysisWorkers > 0)
          deps.logger.info(
            `Analyzing on the main thread: ${customRules.length} rules from other modules run only there`,
          );
        const runner = new ScanRunner({
          store,
          rescorer,
          reader: deps.urlReader,
          logger: deps.logger,
          ...createTreeAnalysis(rules, config, pool),
          analysisKey: analysisKeyOf(rules, config),
          limits: {
            maxFileBytes: config.maxFileBytes,
            maxFiles: config.maxFiles,
            timeoutMs: config.readTimeoutMs,
          },
          concurrency: config.concurrency,
          retry: config.readRetry,
          budget: new GithubRateBudget({ integrations, logger: deps.logger }),
          heads: config.batchHeadLookups
            ? combineHeadLookups([
                new GithubHeads({ integrations, logger: deps.logger }),
                new GitlabHeads({ integrations, logger: deps.logger }),
              ])
            : undefined,
        });

        // summaries and facets are kept until a write changes the data
        // (any replica's: dataRevision.ts), for a minute at most
        const queries = new ComplianceQueries(db, undefined, {
          memo: { maxAgeMs: 60_000, maxEntries: 100 },
        });
        const scorecards = new ScorecardService({
          store,
          waivers,
          catalog: deps.catalog,
          integrations,
        });
        const sources = new SourceFiles({
          store,
          reader: deps.urlReader,
          integrations,
          maxFileBytes: config.maxFileBytes,
        });
        const ticketStore = new TicketStore(db);
        const providerFor = createProviderRegistry({
          integrations,
          jira: ticketsConfig.jira,
          createJira: settings => JiraProvider.fromSettings(settings),
        });
        const tickets = new TicketService({
          tickets: ticketStore,
          store,
          scorecards,
          catalog: deps.catalog,
          integrations,
          providerFor,
          rules: () => ruleInfos,
          logger: deps.logger,
          settings: {
            ...ticketsConfig,
            jiraProjectKey: ticketsConfig.jira?.projectKey ?? null,
          },
        });
        const campaigns = new CampaignService({
          campaigns: new CampaignStore(db),
          queries,
          tickets,
          serviceCredentials: () => deps.auth.getOwnServiceCredentials(),
          perMinute: ticketsConfig.campaignServicesPerMinute,
          logger: deps.logger,
        });

        deps.permissionsRegistry.addPermissions(buildcachePermissions);
        deps.httpRouter.use(
          await createRouter({
            store,
            queries,
            findings: new FindingQueries(db),
            runner,
            scorecards,
            sources,
            authorizer: createAuthorizer(deps),
            waivers,
            rescorer,
            rules: () => ruleInfos,
            tickets,
            ticketStore,
            campaigns,
            auditor: deps.auditor,
          }),
        );
        await scheduleTicketSync({
          scheduler: deps.scheduler,
          schedule: ticketsConfig.syncSchedule,
          logger: deps.logger,
          sync: {
            tickets: ticketStore,
            store,
            providerFor,
            closeWhenFixed: ticketsConfig.closeWhenFixed,
            logger: deps.logger,
          },
        });

        await scheduleScans({
          ...deps,
          schedule: config.schedule,
          newServicesSchedule: config.newServicesSchedule,
          integrations,
          catalogFilter: config.catalogFilter,
          store,
          runner,
          rescorer,
        });
        deps.lifecycle.addShutdownHook(async () => {
          await runner.idle();
          await pool?.close();
        });
        deps.lifecycle.addShutdownHook(() => campaigns.idle());
      },
    });
  },
});
