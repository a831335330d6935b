/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * One row holding a counter that every write to the services' current
 * state or history increments, in the writing transaction
 * (src/database/dataRevision.ts). Readers that keep a computed view of that
 * state (the compliance summary: src/database/revisionMemo.ts) compare it
 * with the revision they computed at, on every replica (issue 13).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('buildcache_data_revision', table => {
    table.comment(
      'A counter every write to the services or their history increments',
    );
    table.integer('id').primary().comment('Always 1: the table has one row');
    table
      .bigInteger('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Incremented by each transaction that changes what it counts');
  });
  await knex('buildcache_data_revision').insert({ id: 1, revision: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('buildcache_data_revision');
};
