import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { buildcachePermissions } from '@buildcache/plugin-buildcache-common';
import {
  buildcacheRulesExtensionPoint,
  createRuleRegistry,
  defaultRules,
  type Rule,
} from '@buildcache/plugin-buildcache-node';
import { readBuildcacheConfig } from './config';
import { ComplianceQueries } from './database/ComplianceQueries';
import { applyDatabaseMigrations } from './database/migrations';
import { ScanStore } from './database/ScanStore';
import { createAuthorizer } from './permissions/authorize';
import { createRouter } from './router';
import {
  analysisKeyOf,
  createTreeAnalyzer,
  createFixCombiner,
  describeRules,
} from './scanning/createTreeAnalyzer';
import { ScanRunner } from './scanning/ScanRunner';
import { scheduleScans } from './scanning/scheduleScans';
import { validateRuleConfig } from './scanning/validateRuleConfig';
import { ScorecardService } from './service/ScorecardService';
import { Rescorer } from './waivers/Rescorer';
import { WaiverStore } from './waivers/WaiverStore';

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
        const runner = new ScanRunner({
          store,
          rescorer,
          reader: deps.urlReader,
          logger: deps.logger,
          analyze: createTreeAnalyzer(rules, config),
          combine: createFixCombiner(rules, config),
          analysisKey: analysisKeyOf(rules, config),
          limits: {
            maxFileBytes: config.maxFileBytes,
            maxFiles: config.maxFiles,
            timeoutMs: config.readTimeoutMs,
          },
          concurrency: config.concurrency,
        });

        deps.permissionsRegistry.addPermissions(buildcachePermissions);
        deps.httpRouter.use(
          await createRouter({
            store,
            queries: new ComplianceQueries(db),
            runner,
            scorecards: new ScorecardService({
              store,
              waivers,
              catalog: deps.catalog,
              integrations,
            }),
            authorizer: createAuthorizer(deps),
            waivers,
            rescorer,
            rules: () => ruleInfos,
          }),
        );

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
        deps.lifecycle.addShutdownHook(() => runner.idle());
      },
    });
  },
});
