/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * What made a history point: a scan, or a waiver created, removed or expired
 * (a re-score without a new scan). Existing points were all written by
 * scans or re-scores; they are kept as scans.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('buildcache_history', table => {
    table
      .string('event', 16)
      .notNullable()
      .defaultTo('scan')
      .comment('scan, or waiver: a re-score after a waiver change');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('buildcache_history', table => {
    table.dropColumn('event');
  });
};
