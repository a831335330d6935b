/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * The effective state of each finding is stored with it: `suppressed` (an
 * inline pragma) as before, and the waiver that covers it, kept current when
 * waivers are created, removed or expire. Every view counts from these.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('buildcache_findings', table => {
    table
      .string('waiver_id', 64)
      .nullable()
      .comment('The waiver covering this finding, null when none does');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('buildcache_findings', table => {
    table.dropColumn('waiver_id');
  });
};
