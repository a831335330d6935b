import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

const migrationsDir = resolvePackagePath(
  '@buildcache/plugin-buildcache-backend',
  'migrations',
);

/**
 * Brings the plugin's database to the latest schema. Replicas starting at the
 * same moment can race to create knex's own bookkeeping tables; the loser
 * retries once, by then finding them (knex's lock then serialises the rest).
 */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  const migrate = () =>
    knex.migrate.latest({
      directory: migrationsDir,
      tableName: 'buildcache_knex_migrations',
    });
  try {
    await migrate();
  } catch (error) {
    await new Promise(resolve =>
      setTimeout(resolve, 250 + Math.random() * 500),
    );
    await migrate();
  }
}

/** Rolls every migration back, newest first (used by the migration tests). */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(
    { directory: migrationsDir, tableName: 'buildcache_knex_migrations' },
    true,
  );
}
