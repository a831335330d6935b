/*
 * Copyright 2026 The buildcache authors
 * SPDX-License-Identifier: Apache-2.0
 */

// @ts-check

/**
 * Tickets and fix pull requests filed from findings, the findings each one
 * covers, and campaigns that file them across many services.
 *
 * A finding is claimed by at most one open ticket (and one open pull
 * request): `claim` holds its fingerprint while the ticket is pending or
 * open, and is cleared when it closes. The unique index on it is what keeps
 * concurrent requests and replicas from filing a second one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('buildcache_tickets', table => {
    table.uuid('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('kind', 32).notNullable().comment('issue or pull-request');
    table.string('tracker', 32).notNullable().comment('github, gitlab, jira');
    table.string('target', 1024).notNullable().comment('Where it was filed');
    table.string('fingerprint', 64).notNullable();
    table.string('external_id', 255).nullable();
    table.string('url', 2048).nullable();
    table
      .string('state', 32)
      .notNullable()
      .comment('pending, open, closed or merged');
    table.string('title', 1024).notNullable();
    table.string('branch', 255).nullable();
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('synced_at', { useTz: true }).nullable();
    table.string('closed_reason', 255).nullable();
    table.text('sync_error').nullable();
    table.index(['entity_ref'], 'buildcache_tickets_entity_idx');
    table.index(['state'], 'buildcache_tickets_state_idx');
  });
  await knex.schema.createTable('buildcache_ticket_findings', table => {
    table
      .uuid('ticket_id')
      .notNullable()
      .references('id')
      .inTable('buildcache_tickets')
      .onDelete('CASCADE');
    table.string('rule_id', 64).notNullable();
    table.string('path', 1024).notNullable();
    table.string('fingerprint', 64).notNullable();
    table.string('claim', 64).nullable().unique();
    table.primary(['ticket_id', 'fingerprint']);
    table.index(['fingerprint'], 'buildcache_ticket_findings_fp_idx');
  });
  await knex.schema.createTable('buildcache_campaigns', table => {
    table.uuid('id').primary();
    table.string('kind', 32).notNullable();
    table.text('filter').notNullable().comment('JSON');
    table.boolean('dry_run').notNullable();
    table.string('status', 32).notNullable().comment('running, done, failed');
    table.integer('total').notNullable();
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('heartbeat_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
  });
  await knex.schema.createTable('buildcache_campaign_results', table => {
    table
      .uuid('campaign_id')
      .notNullable()
      .references('id')
      .inTable('buildcache_campaigns')
      .onDelete('CASCADE');
    table.string('entity_ref', 512).notNullable();
    table
      .string('outcome', 32)
      .notNullable()
      .comment('created, updated, skipped, failed, would-create, would-update');
    table.uuid('ticket_id').nullable();
    table.text('reason').nullable();
    table.primary(['campaign_id', 'entity_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('buildcache_campaign_results');
  await knex.schema.dropTable('buildcache_campaigns');
  await knex.schema.dropTable('buildcache_ticket_findings');
  await knex.schema.dropTable('buildcache_tickets');
};
