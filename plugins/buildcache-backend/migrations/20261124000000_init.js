/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * Scans, their per-file facts and findings, the current result per service
 * and the score history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('buildcache_scans', table => {
    table.comment('One attempt to read and analyze a service repository');
    table.string('id', 36).primary().notNullable().comment('UUID of the scan');
    table.string('entity_ref').notNullable().comment('Scanned entity ref');
    table
      .string('status', 16)
      .notNullable()
      .comment('queued | running | succeeded | unchanged | failed');
    table.string('trigger', 16).notNullable().comment('schedule | user');
    table.timestamp('queued_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.string('source_url', 2048).nullable().comment('Tree that was read');
    table.string('etag', 255).nullable().comment('ETag of the tree read');
    table.string('commit_sha', 64).nullable();
    table.integer('bytes_read').nullable();
    table.text('error').nullable().comment('Why the scan failed');
    table.index(['entity_ref', 'queued_at'], 'buildcache_scans_entity_idx');
    table.index(['status'], 'buildcache_scans_status_idx');
  });

  await knex.schema.createTable('buildcache_scan_files', table => {
    table.comment('Files the analyzer read in a scan, with their facts');
    table
      .string('scan_id', 36)
      .notNullable()
      .references('id')
      .inTable('buildcache_scans')
      .onDelete('CASCADE');
    table.string('path', 1024).notNullable();
    table.string('kind', 32).notNullable();
    table.text('facts').notNullable().comment('JSON facts of the file');
    table.index(['scan_id'], 'buildcache_scan_files_scan_idx');
  });

  await knex.schema.createTable('buildcache_findings', table => {
    table.comment('Findings of a scan');
    table.increments('id');
    table
      .string('scan_id', 36)
      .notNullable()
      .references('id')
      .inTable('buildcache_scans')
      .onDelete('CASCADE');
    table.string('rule_id', 16).notNullable();
    table.string('severity', 8).notNullable();
    table.text('message').notNullable();
    table.string('path', 1024).notNullable();
    table.integer('line').notNullable();
    table.integer('column').notNullable();
    table.integer('end_line').notNullable();
    table.integer('end_column').notNullable();
    table.boolean('suppressed').notNullable().defaultTo(false);
    table.text('suppression_reason').nullable();
    table.text('fix_description').nullable();
    table.text('fix_diff').nullable();
    table.index(['scan_id'], 'buildcache_findings_scan_idx');
    table.index(['rule_id'], 'buildcache_findings_rule_idx');
  });

  await knex.schema.createTable('buildcache_services', table => {
    table.comment('Current state per catalogued service');
    table.string('entity_ref').primary().notNullable();
    table.string('title').nullable().comment('Entity title or name');
    table.string('owner').nullable().comment('Owner entity ref');
    table.string('system').nullable().comment('System entity ref');
    table
      .string('source_url', 2048)
      .nullable()
      .comment('Null when the entity has no source location');
    table
      .string('last_good_scan_id', 36)
      .nullable()
      .comment('Scan whose result is shown');
    table.string('last_scan_id', 36).nullable().comment('Most recent attempt');
    table.integer('score').nullable();
    table.string('level', 16).nullable();
    table.timestamp('scanned_at', { useTz: true }).nullable();
    table.string('etag', 255).nullable();
    table.string('commit_sha', 64).nullable();
    table
      .boolean('stale')
      .notNullable()
      .defaultTo(false)
      .comment('True when the last attempt failed after a good result');
    table.text('last_error').nullable();
    table.integer('errors').notNullable().defaultTo(0);
    table.integer('warnings').notNullable().defaultTo(0);
    table.integer('infos').notNullable().defaultTo(0);
    table.timestamp('seen_at', { useTz: true }).notNullable();
    table.index(['owner'], 'buildcache_services_owner_idx');
    table.index(['system'], 'buildcache_services_system_idx');
  });

  await knex.schema.createTable('buildcache_history', table => {
    table.comment('Score of a service after each scan that changed it');
    table.increments('id');
    table.string('entity_ref').notNullable();
    table.string('scan_id', 36).notNullable();
    table.timestamp('scanned_at', { useTz: true }).notNullable();
    table.integer('score').nullable();
    table.string('level', 16).notNullable();
    table.index(['entity_ref', 'scanned_at'], 'buildcache_history_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('buildcache_history');
  await knex.schema.dropTable('buildcache_services');
  await knex.schema.dropTable('buildcache_findings');
  await knex.schema.dropTable('buildcache_scan_files');
  await knex.schema.dropTable('buildcache_scans');
};
