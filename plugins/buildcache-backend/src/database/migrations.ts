import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

const migrationsDir = resolvePackagePath(
  '@buildcache/plugin-buildcache-backend',
  'migrations',
);

/** Brings the plugin's database to the latest schema. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'buildcache_knex_migrations',
  });
}

/** Rolls every migration back, newest first (used by the migration tests). */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(
    { directory: migrationsDir, tableName: 'buildcache_knex_migrations' },
    true,
  );
}
