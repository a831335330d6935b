/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * Waivers: accepted findings that no longer count towards a score.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('buildcache_waivers', table => {
    table.comment('Findings a team has accepted, with a reason and expiry');
    table.string('id', 36).primary().notNullable().comment('UUID');
    table
      .string('target')
      .notNullable()
      .comment('An entity ref, an owner (group or user) ref, or * for all');
    table.string('rule_id', 16).notNullable();
    table
      .string('path', 1024)
      .nullable()
      .comment('Only findings in this file; null for every file');
    table.text('reason').notNullable();
    table.string('created_by').notNullable().comment('User entity ref');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.index(['target'], 'buildcache_waivers_target_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('buildcache_waivers');
};
