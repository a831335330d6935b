/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * Each history point keeps the score of the service's previous point (null
 * for its first, or when that one had no score), so the org trend sums how
 * scores moved per day over the window's points only, without a window
 * function over the whole history at read time (issue 13). Written
 * with each point (src/database/historyPoints.ts); existing points are
 * filled here, in the order the trend reads them (scanned_at, then id).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('buildcache_history', table => {
    table
      .integer('previous_score')
      .nullable()
      .comment(
        "The score of the service's previous point; null for its first or when that had none",
      );
  });
  await knex.raw(`
    UPDATE buildcache_history SET previous_score = (
      SELECT p.score FROM buildcache_history p
      WHERE p.entity_ref = buildcache_history.entity_ref
        AND (p.scanned_at < buildcache_history.scanned_at
          OR (p.scanned_at = buildcache_history.scanned_at AND p.id < buildcache_history.id))
      ORDER BY p.scanned_at DESC, p.id DESC
      LIMIT 1)`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('buildcache_history', table => {
    table.dropColumn('previous_score');
  });
};
