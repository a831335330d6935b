/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * The analyzer (version, rules, configuration) that produced a service's
 * result: an unchanged repository is re-analyzed when it changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('buildcache_services', table => {
    table
      .string('analysis_key', 64)
      .nullable()
      .comment('Hash of analyzer version, rules and configuration');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('buildcache_services', table => {
    table.dropColumn('analysis_key');
  });
};
