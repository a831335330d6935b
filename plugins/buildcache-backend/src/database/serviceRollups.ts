import type { Knex } from 'knex';
import { bumpDataRevision } from './dataRevision';
import { isCounting } from './rowMappers';
import {
  type DbServiceRow,
  TABLE_FINDINGS,
  TABLE_SCAN_FILES,
  TABLE_SERVICES,
} from './tables';

/**
 * What the org summary needs of a service's current result, kept on its
 * row (migration 20261202000500): the rules it fails and the kinds of build
 * file it has. Derived with the condition every other view uses
 * (isCounting, whose SQL form is whereCounting), so the summary counts what
 * the lists, filters and scorecards count.
 */
export interface ServiceRollup {
  failingRules: string[];
  hasDockerfile: boolean;
  hasBuildConfig: boolean;
}

const CHUNK = 500;

/** `' BC1001 BC1005 '`: a rule matches as `% BC1001 %`; '' when none. */
export function encodeRules(ruleIds: Iterable<string>): string {
  const sorted = [...new Set(ruleIds)].sort();
  return sorted.length ? ` ${sorted.join(' ')} ` : '';
}

export function decodeRules(text: string | null): string[] {
  return text ? text.split(' ').filter(Boolean) : [];
}

/**
 * The rollup of a result: the rules of its counting findings (isCounting:
 * whereCounting's condition) and the kinds of its files.
 */
export function rollupOf(
  findings: Iterable<{
    ruleId: string;
    suppressed: boolean;
    waiverId?: string | null;
  }>,
  fileKinds: Iterable<string>,
): ServiceRollup {
  const failingRules = new Set<string>();
  for (const f of findings) if (isCounting(f)) failingRules.add(f.ruleId);
  let hasDockerfile = false;
  let hasBuildConfig = false;
  for (const kind of fileKinds) {
    if (kind === 'dockerfile') hasDockerfile = true;
    else hasBuildConfig = true;
  }
  return { failingRules: [...failingRules], hasDockerfile, hasBuildConfig };
}

/** A rollup as the service row's columns. */
export function rollupColumns(rollup: ServiceRollup) {
  return {
    failing_rules: encodeRules(rollup.failingRules),
    has_dockerfile: rollup.hasDockerfile,
    has_build_config: rollup.hasBuildConfig,
  };
}

/**
 * Recomputes the rollups of the services `entityRefs` (within a write's
 * transaction, after the result or its waivers changed), or of every
 * service with a result and no rollups yet ('missing': after the migration
 * that added them). Returns how many services were updated.
 */
export async function refreshServiceRollups(
  db: Knex | Knex.Transaction,
  which: { entityRefs: readonly string[] } | 'missing',
): Promise<number> {
  const query = db<DbServiceRow>(TABLE_SERVICES)
    .whereNotNull('last_good_scan_id')
    .select('entity_ref', 'last_good_scan_id');
  if (which === 'missing') query.whereNull('failing_rules');
  else query.whereIn('entity_ref', [...which.entityRefs]);
  const services = (await query) as Array<{
    entity_ref: string;
    last_good_scan_id: string;
  }>;
  for (let i = 0; i < services.length; i += CHUNK) {
    const chunk = services.slice(i, i + CHUNK);
    const scanIds = chunk.map(s => s.last_good_scan_id);
    const findings: Array<{
      scan_id: string;
      rule_id: string;
      suppressed: boolean | number;
      waiver_id: string | null;
    }> = await db(TABLE_FINDINGS)
      .whereIn('scan_id', scanIds)
      .distinct('scan_id', 'rule_id', 'suppressed', 'waiver_id');
    const kinds: Array<{ scan_id: string; kind: string }> = await db(
      TABLE_SCAN_FILES,
    )
      .whereIn('scan_id', scanIds)
      .distinct('scan_id', 'kind');
    const findingsOf = groupBy(findings, f => f.scan_id);
    const kindsOf = groupBy(kinds, k => k.scan_id);
    for (const { entity_ref, last_good_scan_id: scanId } of chunk) {
      const rollup = rollupOf(
        (findingsOf.get(scanId) ?? []).map(f => ({
          ruleId: f.rule_id,
          suppressed: Boolean(f.suppressed),
          waiverId: f.waiver_id,
        })),
        (kindsOf.get(scanId) ?? []).map(k => k.kind),
      );
      await db(TABLE_SERVICES)
        .where({ entity_ref, last_good_scan_id: scanId })
        .update(rollupColumns(rollup));
    }
  }
  if (services.length) await bumpDataRevision(db);
  return services.length;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
