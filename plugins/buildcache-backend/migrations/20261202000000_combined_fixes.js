/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * The combined fix of each analyzed file of a scan: one closure-checked
 * patch applying every fixable finding of the file (JSON: diff, fixes).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('buildcache_scan_files', table => {
    table
      .text('combined_fix')
      .nullable()
      .comment('JSON {diff, fixes}: every fix of the file in one patch');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('buildcache_scan_files', table => {
    table.dropColumn('combined_fix');
  });
};
