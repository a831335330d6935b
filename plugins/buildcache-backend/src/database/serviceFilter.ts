import type { Knex } from 'knex';
import type { FindingsExportQuery } from '@buildcache/plugin-buildcache-common';
import { whereCounting } from './rowMappers';
import { type DbServiceRow, TABLE_FINDINGS, TABLE_SERVICES } from './tables';

/**
 * The filters the spec shares between the org views (owner, system, level,
 * ruleId, q); every operation that takes them names the same parameters.
 */
export type ServiceFilter = FindingsExportQuery;

/**
 * The current (not retired) services matching the org views' filters:
 * `ruleId` keeps services with a counting finding of that rule, `q` matches
 * the entity ref or title, case-insensitively.
 */
export function currentServicesMatching(db: Knex, filter: ServiceFilter) {
  const q = db<DbServiceRow>(TABLE_SERVICES).whereNull('retired_at');
  if (filter.owner) q.where('owner', filter.owner);
  if (filter.system) q.where('system', filter.system);
  if (filter.level) q.where('level', filter.level);
  if (filter.q) {
    const like = `%${filter.q
      .toLocaleLowerCase('en-US')
      .replace(/[%_\\]/g, m => `\\${m}`)}%`;
    q.where(inner =>
      inner
        .whereRaw(`LOWER(entity_ref) LIKE ? ESCAPE '\\'`, [like])
        .orWhereRaw(`LOWER(COALESCE(title, '')) LIKE ? ESCAPE '\\'`, [like]),
    );
  }
  if (filter.ruleId) {
    q.whereIn(
      'last_good_scan_id',
      whereCounting(
        db(TABLE_FINDINGS).select('scan_id').where({ rule_id: filter.ruleId }),
      ),
    );
  }
  return q;
}
