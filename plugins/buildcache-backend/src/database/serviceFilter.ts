import type { Knex } from 'knex';
import type { FindingsExportQuery } from '@buildcache/plugin-buildcache-common';
import { type DbServiceRow, TABLE_SERVICES } from './tables';

/**
 * The filters the spec shares between the org views (owner, system, level,
 * ruleId, q); every operation that takes them names the same parameters.
 */
export type ServiceFilter = FindingsExportQuery;

/** `text` as a literal inside a LIKE pattern with ESCAPE '\\'. */
function likeEscaped(text: string) {
  return text.replace(/[%_\\]/g, m => `\\${m}`);
}

/**
 * The current (not retired) services matching the org views' filters:
 * `ruleId` keeps services whose current result has a counting finding of
 * that rule, `q` matches the entity ref or title, case-insensitively.
 */
export function currentServicesMatching(db: Knex, filter: ServiceFilter) {
  const q = db<DbServiceRow>(TABLE_SERVICES).whereNull('retired_at');
  if (filter.owner) q.where('owner', filter.owner);
  if (filter.system) q.where('system', filter.system);
  if (filter.level) q.where('level', filter.level);
  if (filter.q) {
    const like = `%${likeEscaped(filter.q.toLocaleLowerCase('en-US'))}%`;
    q.where(inner =>
      inner
        .whereRaw(`LOWER(entity_ref) LIKE ? ESCAPE '\\'`, [like])
        .orWhereRaw(`LOWER(COALESCE(title, '')) LIKE ? ESCAPE '\\'`, [like]),
    );
  }
  if (filter.ruleId) {
    // the rules the current result fails, kept on the row (serviceRollups)
    q.whereRaw(`failing_rules LIKE ? ESCAPE '\\'`, [
      `% ${likeEscaped(filter.ruleId)} %`,
    ]);
  }
  return q;
}

/**
 * Keeps the rows of `query` (over a table with an entity_ref column) that
 * belong to the services matching `filter`. Without a filter that is every
 * service but the retired ones (few): databases check that far faster than
 * membership in the list of every current service.
 */
export function whereServiceMatching(
  db: Knex,
  query: Knex.QueryBuilder,
  filter: ServiceFilter,
): Knex.QueryBuilder {
  // the filters currentServicesMatching applies, and only those
  const filtered = [
    filter.owner,
    filter.system,
    filter.level,
    filter.ruleId,
    filter.q,
  ].some(Boolean);
  return filtered
    ? query.whereIn(
        'entity_ref',
        currentServicesMatching(db, filter).select('entity_ref'),
      )
    : query.whereNotIn(
        'entity_ref',
        db(TABLE_SERVICES).whereNotNull('retired_at').select('entity_ref'),
      );
}
