import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { availableParallelism } from 'node:os';
import {
  SEVERITIES,
  type Severity,
} from '@buildcache/plugin-buildcache-common';

export interface BuildcacheConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  newServicesSchedule: SchedulerServiceTaskScheduleDefinition;
  concurrency: number;
  /** Worker threads analyzing repositories (0: on the main thread). */
  analysisWorkers: number;
  /** Resolve GitHub heads in batches (GraphQL) at the start of a cycle. */
  batchHeadLookups: boolean;
  catalogFilter: Record<string, string | string[]>;
  maxFileBytes: number;
  maxFiles: number;
  readTimeoutMs: number;
  /** Retries of a failed SCM read (5xx, network, rate limit), and the longest wait. */
  readRetry: { retries: number; maxDelayMs: number };
  weights: Partial<Record<Severity, number>>;
  ruleConfig: Record<string, { enabled?: boolean; severity?: Severity }>;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 15 },
};

const DEFAULT_NEW_SERVICES_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 2 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/** Reads and validates `buildcache.*`; a bad value fails start-up by key. */
export function readBuildcacheConfig(
  root: RootConfigService,
): BuildcacheConfig {
  const config = root.getOptionalConfig('buildcache');
  const concurrency = config?.getOptionalNumber('concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new InputError(
      `buildcache.concurrency must be an integer from 1 to 64, got ${concurrency}`,
    );
  }
  const analysisWorkers =
    config?.getOptionalNumber('analysisWorkers') ??
    Math.min(2, Math.max(0, availableParallelism() - 1));
  if (
    !Number.isInteger(analysisWorkers) ||
    analysisWorkers < 0 ||
    analysisWorkers > 16
  ) {
    throw new InputError(
      `buildcache.analysisWorkers must be an integer from 0 to 16, got ${analysisWorkers}`,
    );
  }
  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    newServicesSchedule: config?.has('newServicesSchedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('newServicesSchedule'),
        )
      : DEFAULT_NEW_SERVICES_SCHEDULE,
    concurrency,
    analysisWorkers,
    batchHeadLookups: config?.getOptionalBoolean('batchHeadLookups') ?? true,
    catalogFilter: readCatalogFilter(config),
    maxFileBytes: positive(config, 'limits.maxFileBytes', 1024 * 1024),
    maxFiles: positive(config, 'limits.maxFiles', 500),
    readTimeoutMs: positive(config, 'limits.readTimeoutSeconds', 120) * 1000,
    readRetry: {
      retries: nonNegativeInteger(config, 'limits.readRetries', 3),
      maxDelayMs: positive(config, 'limits.maxRetryWaitSeconds', 60) * 1000,
    },
    weights: readWeights(config),
    ruleConfig: readRuleConfig(config),
  };
}

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new InputError(`buildcache.${key} must be a positive number`);
  }
  return value;
}

function nonNegativeInteger(
  config: Config | undefined,
  key: string,
  fallback: number,
) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new InputError(
      `buildcache.${key} must be a whole number of 0 or more, got ${value}`,
    );
  }
  return value;
}

function readCatalogFilter(config: Config | undefined) {
  const filter = config?.getOptionalConfig('catalogFilter');
  if (!filter) {
    return { kind: 'Component' };
  }
  const result: Record<string, string | string[]> = {};
  for (const key of filter.keys()) {
    const value = filter.get(key);
    if (
      typeof value !== 'string' &&
      !(Array.isArray(value) && value.every(v => typeof v === 'string'))
    ) {
      throw new InputError(
        `buildcache.catalogFilter.${key} must be a string or a list of strings`,
      );
    }
    result[key] = value;
  }
  return result;
}

function readWeights(config: Config | undefined) {
  const weights: Partial<Record<Severity, number>> = {};
  for (const severity of SEVERITIES) {
    const value = config?.getOptionalNumber(`scoring.weights.${severity}`);
    if (value !== undefined) {
      if (value < 0) {
        throw new InputError(
          `buildcache.scoring.weights.${severity} must not be negative`,
        );
      }
      weights[severity] = value;
    }
  }
  return weights;
}

function readRuleConfig(config: Config | undefined) {
  const rules = config?.getOptionalConfig('rules');
  const result: BuildcacheConfig['ruleConfig'] = {};
  for (const ruleId of rules?.keys() ?? []) {
    const rule = rules!.getConfig(ruleId);
    const severity = rule.getOptionalString('severity');
    if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) {
      throw new InputError(
        `buildcache.rules.${ruleId}.severity must be one of ${SEVERITIES.join(
          ', ',
        )}`,
      );
    }
    result[ruleId] = {
      enabled: rule.getOptionalBoolean('enabled'),
      severity: severity as Severity | undefined,
    };
  }
  return result;
}
