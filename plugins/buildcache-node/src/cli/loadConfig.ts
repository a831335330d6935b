import { parse as parseYaml } from 'yaml';
import {
  SEVERITIES,
  type Severity,
} from '@buildcache/plugin-buildcache-common';
import type { RuleConfig } from '../engine/analyzeFiles';
import { UsageError } from './parseArgs';

/** The CLI's `--config` file. */
export interface CliConfig {
  rules?: RuleConfig;
  weights?: Partial<Record<Severity, number>>;
  maxFileBytes?: number;
  /** Absolute URL of the published docs folder, for SARIF `helpUri` links. */
  docsBaseUrl?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for an absolute URL such as `https://…/docs/`. */
export function isAbsoluteUrl(text: string): boolean {
  try {
    return new URL(text).protocol.length > 1;
  } catch {
    return false;
  }
}

/** Validates a config file's text (JSON or YAML). Throws UsageError naming the bad key. */
export function parseCliConfig(
  text: string,
  knownRuleIds: ReadonlySet<string>,
): CliConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    throw new UsageError(
      `config is not valid JSON/YAML: ${
        e instanceof Error ? e.message : String(e)
      }`,
    );
  }
  if (raw === null || raw === undefined) return {};
  if (!isRecord(raw)) throw new UsageError('config must be a mapping');
  const config: CliConfig = {};
  for (const key of Object.keys(raw)) {
    if (!['rules', 'weights', 'maxFileBytes', 'docsBaseUrl'].includes(key))
      throw new UsageError(`config: unknown key "${key}"`);
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules))
      throw new UsageError('config: rules must be a mapping of rule ids');
    const rules: RuleConfig = {};
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!knownRuleIds.has(id))
        throw new UsageError(`config: unknown rule id "${id}"`);
      if (!isRecord(value))
        throw new UsageError(`config: rules.${id} must be a mapping`);
      const { enabled, severity } = value;
      if (enabled !== undefined && typeof enabled !== 'boolean')
        throw new UsageError(
          `config: rules.${id}.enabled must be true or false`,
        );
      if (
        severity !== undefined &&
        !SEVERITIES.includes(severity as Severity)
      ) {
        throw new UsageError(
          `config: rules.${id}.severity must be one of ${SEVERITIES.join(
            ', ',
          )}`,
        );
      }
      rules[id] = {
        enabled: enabled as boolean | undefined,
        severity: severity as Severity | undefined,
      };
    }
    config.rules = rules;
  }
  if (raw.weights !== undefined) {
    if (!isRecord(raw.weights))
      throw new UsageError('config: weights must be a mapping');
    const weights: Partial<Record<Severity, number>> = {};
    for (const [k, v] of Object.entries(raw.weights)) {
      if (
        !SEVERITIES.includes(k as Severity) ||
        typeof v !== 'number' ||
        v < 0
      ) {
        throw new UsageError(
          `config: weights.${k} must be a non-negative number for error, warning or info`,
        );
      }
      weights[k as Severity] = v;
    }
    config.weights = weights;
  }
  if (raw.maxFileBytes !== undefined) {
    if (typeof raw.maxFileBytes !== 'number' || raw.maxFileBytes <= 0)
      throw new UsageError('config: maxFileBytes must be a positive number');
    config.maxFileBytes = raw.maxFileBytes;
  }
  if (raw.docsBaseUrl !== undefined) {
    if (typeof raw.docsBaseUrl !== 'string' || !isAbsoluteUrl(raw.docsBaseUrl))
      throw new UsageError('config: docsBaseUrl must be an absolute URL');
    config.docsBaseUrl = raw.docsBaseUrl;
  }
  return config;
}
