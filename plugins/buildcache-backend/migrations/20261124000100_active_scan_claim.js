/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * At most one queued or running scan per service: the insert of a scan is the
 * claim, so replicas sharing a database never scan one service twice at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    `CREATE UNIQUE INDEX buildcache_scans_active_idx ON buildcache_scans (entity_ref) WHERE status IN ('queued', 'running')`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(`DROP INDEX buildcache_scans_active_idx`);
};
