/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * When a service left the catalog: retired services are left out of the
 * current views, keep their results and history, and return when their
 * entity does.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('buildcache_services', table => {
    table
      .timestamp('retired_at', { useTz: true })
      .nullable()
      .comment('When the entity was last found missing from the catalog');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('buildcache_services', table => {
    table.dropColumn('retired_at');
  });
};
