/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * What the org summary needs of a service's current result, kept on the
 * service row so the summary reads one narrow row per service instead of
 * every finding and file of every current scan (issue 13): the rules it
 * fails (with a counting finding) and whether it has a Dockerfile and a CI
 * or build config. Written with each result and re-score
 * (src/database/serviceRollups.ts); rows migrated here have them computed by
 * the plugin at start-up (failing_rules is null until then).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('buildcache_services', table => {
    table
      .text('failing_rules')
      .nullable()
      .comment(
        'Rule ids with a counting finding in the current result, each with a space on both sides; null until computed',
      );
    table
      .boolean('has_dockerfile')
      .notNullable()
      .defaultTo(false)
      .comment('The current result read a Dockerfile');
    table
      .boolean('has_build_config')
      .notNullable()
      .defaultTo(false)
      .comment('The current result read a CI or build config');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('buildcache_services', table => {
    table.dropColumn('has_build_config');
    table.dropColumn('has_dockerfile');
    table.dropColumn('failing_rules');
  });
};
