import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { refreshServiceRollups } from './serviceRollups';

/** Where the plugin's migrations are and where knex records them. */
export const MIGRATIONS = {
  directory: resolvePackagePath(
    '@buildcache/plugin-buildcache-backend',
    'migrations',
  ),
  tableName: 'buildcache_knex_migrations',
};

/**
 * Brings the plugin's database to the latest schema. Replicas starting at the
 * same moment race for knex's bookkeeping tables and its migration lock; the
 * losers wait and retry (by then the winner has migrated, or holds the lock).
 */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  const attempts = 20;
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest(MIGRATIONS);
      break;
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
      await new Promise(resolve =>
        setTimeout(resolve, 200 + Math.random() * 300 * attempt),
      );
    }
  }
  // derived columns a migration added and could not fill (see serviceRollups)
  await refreshServiceRollups(knex, 'missing');
}

/** Rolls every migration back, newest first (used by the migration tests). */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(MIGRATIONS, true);
}
