/*
 * The services the API latency bench (apiLatency.bench.js) and the page
 * bench (bench/page/) run on: a deterministic generator of N services with
 * realistic results (one succeeded scan each as the current result, 0 to 24
 * findings, a few files, three days of history) and the seeding of those
 * rows straight into the plugin's tables.
 *
 * Requires the plugin's TypeScript sources: load
 * @backstage/cli/config/nodeTransform.cjs before requiring this module.
 */
const { randomUUID } = require('node:crypto');
const { defaultRules, levelOf } = require('@buildcache/plugin-buildcache-node');
const { applyDatabaseMigrations } = require('../../src/database/migrations');
const {
  insertChunked,
  toFindingRow,
} = require('../../src/database/rowMappers');
const { refreshServiceRollups } = require('../../src/database/serviceRollups');
const { prng } = require('../../src/database/testData');

const WEIGHTS = { error: 10, warning: 3, info: 1 };
/** The entity ref of generated service i. */
const ref = i => `component:default/svc-${i}`;

/** Rows of N services, each with one succeeded scan as its current result. */
function seedRows(count) {
  const random = prng(1);
  const pick = list => list[Math.floor(random() * list.length)];
  const rules = defaultRules
    .map(r => r.meta)
    .filter(m => !m.id.startsWith('BC9'));
  const now = Date.now();
  const rows = {
    scans: [],
    services: [],
    files: [],
    findings: [],
    history: [],
  };
  for (let i = 0; i < count; i++) {
    const scanId = randomUUID();
    const scannedAt = new Date(now - Math.floor(random() * 7 * 86400_000));
    const paths = [
      'Dockerfile',
      ...(random() < 0.5 ? ['.github/workflows/build.yml'] : []),
      ...(random() < 0.2 ? ['api/Dockerfile'] : []),
    ];
    // 0 to 24 findings, most services a handful
    const n = Math.floor(random() ** 2 * 25);
    const counts = { error: 0, warning: 0, info: 0 };
    for (let k = 0; k < n; k++) {
      const rule = pick(rules);
      const line = 1 + Math.floor(random() * 40);
      const suppressed = random() < 0.05;
      if (!suppressed) counts[rule.severity] += 1;
      rows.findings.push(
        toFindingRow(scanId, {
          ruleId: rule.id,
          severity: rule.severity,
          message: `${rule.name} (line ${line})`,
          path: pick(paths),
          line,
          column: 1,
          endLine: line,
          endColumn: 40,
          suppressed,
          fix:
            random() < 0.6
              ? {
                  description: rule.recommendedFix.slice(0, 200),
                  diff: `--- a/Dockerfile\n+++ b/Dockerfile\n@@ -${line} +${line} @@\n-RUN x\n+RUN --mount=type=cache,target=/c x\n`,
                }
              : null,
        }),
      );
    }
    const value = Math.max(
      0,
      100 -
        counts.error * WEIGHTS.error -
        counts.warning * WEIGHTS.warning -
        counts.info * WEIGHTS.info,
    );
    const level = levelOf(value, counts.error > 0);
    rows.scans.push({
      id: scanId,
      entity_ref: ref(i),
      status: 'succeeded',
      trigger: 'schedule',
      queued_at: scannedAt,
      started_at: scannedAt,
      finished_at: scannedAt,
      source_url: `https://github.example.com/org/svc-${i}/tree/main/`,
      etag: `etag-${i}`,
      commit_sha: null,
      bytes_read: 1000,
      error: null,
    });
    for (const p of paths)
      rows.files.push({
        scan_id: scanId,
        path: p,
        kind: p.endsWith('.yml') ? 'github-actions' : 'dockerfile',
        facts: '{}',
        combined_fix: null,
      });
    rows.services.push({
      entity_ref: ref(i),
      title: `svc-${i}`,
      owner: `group:default/team-${i % 50}`,
      // full refs, as discoverTargets writes them (the page links them)
      system: `system:default/system-${i % 200}`,
      source_url: `https://github.example.com/org/svc-${i}/tree/main/`,
      last_good_scan_id: scanId,
      last_scan_id: scanId,
      score: value,
      level,
      scanned_at: scannedAt,
      etag: `etag-${i}`,
      commit_sha: null,
      analysis_key: null,
      stale: false,
      last_error: null,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      seen_at: scannedAt,
      retired_at: null,
    });
    for (let d = 2; d >= 0; d--)
      rows.history.push({
        entity_ref: ref(i),
        scan_id: scanId,
        scanned_at: new Date(scannedAt.getTime() - d * 86400_000),
        score: value,
        // written in order, so each point follows the one before it
        previous_score: d === 2 ? null : value,
        level,
      });
  }
  return rows;
}

/** Migrates the plugin's tables in `knex` and inserts `rows` (from seedRows). */
async function seed(knex, rows) {
  await applyDatabaseMigrations(knex);
  await insertChunked(knex, 'buildcache_scans', rows.scans);
  await insertChunked(knex, 'buildcache_services', rows.services);
  await insertChunked(knex, 'buildcache_scan_files', rows.files);
  await insertChunked(knex, 'buildcache_findings', rows.findings);
  await insertChunked(knex, 'buildcache_history', rows.history);
  // the rows were written past the store: derive what the store derives
  await refreshServiceRollups(knex, 'missing');
  if (knex.client.config.client === 'pg') await knex.raw('ANALYZE');
}

module.exports = { ref, seedRows, seed };
