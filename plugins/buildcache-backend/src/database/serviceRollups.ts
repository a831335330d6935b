import type { Knex } from 'knex';
import { whereCounting } from './rowMappers';
import {
  type DbServiceRow,
  TABLE_FINDINGS,
  TABLE_SCAN_FILES,
  TABLE_SERVICES,
} from './tables';

/**
 * What the org summary needs of a service's current result, kept on its
 * row (migration 20261202000500): the rules it fails and the kinds of build
 * file it has. Derived from the stored findings and files with the same
 * condition every other view uses (whereCounting), so the summary counts
 * what the lists, filters and scorecards count.
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
    const failing: Array<{ scan_id: string; rule_id: string }> =
      await whereCounting(
        db(TABLE_FINDINGS).whereIn('scan_id', scanIds),
      ).distinct('scan_id', 'rule_id');
    const kinds: Array<{ scan_id: string; kind: string }> = await db(
      TABLE_SCAN_FILES,
    )
      .whereIn('scan_id', scanIds)
      .distinct('scan_id', 'kind');
    const rollups = new Map<string, ServiceRollup>(
      scanIds.map(id => [
        id,
        { failingRules: [], hasDockerfile: false, hasBuildConfig: false },
      ]),
    );
    for (const row of failing)
      rollups.get(row.scan_id)!.failingRules.push(row.rule_id);
    for (const row of kinds) {
      const rollup = rollups.get(row.scan_id)!;
      if (row.kind === 'dockerfile') rollup.hasDockerfile = true;
      else rollup.hasBuildConfig = true;
    }
    for (const service of chunk) {
      const rollup = rollups.get(service.last_good_scan_id)!;
      await db(TABLE_SERVICES)
        .where({
          entity_ref: service.entity_ref,
          last_good_scan_id: service.last_good_scan_id,
        })
        .update({
          failing_rules: encodeRules(rollup.failingRules),
          has_dockerfile: rollup.hasDockerfile,
          has_build_config: rollup.hasBuildConfig,
        });
    }
  }
  return services.length;
}
