import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
} from './migrations';
import type { ScanStore, ServiceTarget } from './ScanStore';
import { claim, createScanStore, finding, report, target } from './testData';

describe('ScanStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  const createStore = (databaseId: TestDatabaseId) =>
    createScanStore(databases, databaseId);

  /** A scheduled scan of `service`, claimed. */
  const claimScheduled = (store: ScanStore, service: ServiceTarget) =>
    claim(store, {
      entityRef: service.entityRef,
      trigger: 'schedule',
      sourceUrl: service.sourceUrl,
    });

  it.each(databases.eachSupportedId())(
    'migrates up and down cleanly, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      expect(await knex.schema.hasTable('buildcache_scans')).toBe(true);
      await rollbackDatabaseMigrations(knex);
      expect(await knex.schema.hasTable('buildcache_scans')).toBe(false);
      expect(await knex.schema.hasTable('buildcache_services')).toBe(false);
      await applyDatabaseMigrations(knex);
      expect(await knex.schema.hasTable('buildcache_history')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'a scan whose backend died is never left running: it expires as failed, and the service can be claimed again, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const service = target('payments');
      await store.upsertServices([service]);
      const scanId = await claimScheduled(store, service);
      await store.markRunning(scanId);
      // not yet past the cutoff: left alone
      expect(await store.abandonStaleScans(new Date(0))).toBe(0);
      expect((await store.getScan(scanId))?.status).toBe('running');
      expect(await store.abandonStaleScans(new Date(Date.now() + 60_000))).toBe(
        1,
      );
      expect(await store.getScan(scanId)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('Abandoned'),
      });
      const again = await claimScheduled(store, service);
      expect(again).not.toBe(scanId);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a successful scan with its findings, files and history, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const service = target('payments');
      await store.upsertServices([service]);
      const scanId = await claimScheduled(store, service);
      await store.markRunning(scanId);
      expect((await store.getScan(scanId))?.status).toBe('running');
      const findings = [
        finding(),
        finding({
          ruleId: 'BC1010',
          severity: 'info',
          line: 1,
          suppressed: true,
          suppressionReason: 'legacy',
          fix: null,
        }),
      ];
      await store.completeSucceeded(scanId, service.entityRef, {
        etag: 'a'.repeat(40),
        commitSha: 'a'.repeat(40),
        bytesRead: 120,
        report: report(findings, 92, 'Gold'),
        combinedFixes: new Map([
          [
            'Dockerfile',
            {
              diff: '--- a/Dockerfile\n+++ b/Dockerfile\n',
              fixes: 1,
              before: 'FROM alpine\n',
              after: '# syntax=docker/dockerfile:1\nFROM alpine\n',
            },
          ],
        ]),
      });

      const row = await store.getService(service.entityRef);
      expect(row).toMatchObject({
        lastGoodScanId: scanId,
        score: 92,
        level: 'Gold',
        counts: { error: 0, warning: 1, info: 0 },
        commitSha: 'a'.repeat(40),
      });
      expect(Boolean(row?.stale)).toBe(false);
      const stored = { id: expect.any(Number), waiverId: null };
      expect(await store.getFindings(scanId)).toEqual([
        { ...findings[1], ...stored },
        { ...findings[0], ...stored },
      ]);
      expect(await store.getFiles(scanId)).toEqual(
        report([]).files.map(f => ({
          ...f,
          combinedFix:
            f.path === 'Dockerfile'
              ? { diff: '--- a/Dockerfile\n+++ b/Dockerfile\n', fixes: 1 }
              : null,
        })),
      );
      // the texts are kept for fix pull requests, not served
      expect(
        await store.getFixTexts(scanId, ['Dockerfile', '.github/ci.yml']),
      ).toEqual(
        new Map([
          [
            'Dockerfile',
            expect.objectContaining({
              before: 'FROM alpine\n',
              after: '# syntax=docker/dockerfile:1\nFROM alpine\n',
            }),
          ],
        ]),
      );
      const history = await store.getHistory(service.entityRef, 10);
      expect(history).toEqual([
        {
          scannedAt: expect.any(String),
          score: 92,
          level: 'Gold',
          event: 'scan',
        },
      ]);
      expect((await store.getScan(scanId))?.status).toBe('succeeded');
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the last good result when a later scan fails, and marks it stale, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const service = target('search');
      await store.upsertServices([service]);
      const good = await claimScheduled(store, service);
      await store.completeSucceeded(good, service.entityRef, {
        etag: 'e1',
        commitSha: null,
        bytesRead: 10,
        report: report([finding()], 92, 'Gold'),
      });
      const bad = await claim(store, {
        entityRef: service.entityRef,
        trigger: 'user',
        sourceUrl: service.sourceUrl,
      });
      await store.completeFailed(
        bad,
        service.entityRef,
        'NotFoundError: repository not found',
      );

      const row = await store.getService(service.entityRef);
      expect(row).toMatchObject({
        lastGoodScanId: good,
        lastScanId: bad,
        score: 92,
        lastError: 'NotFoundError: repository not found',
      });
      expect(Boolean(row?.stale)).toBe(true);
      expect(await store.getFindings(good)).toHaveLength(1);
      expect(await store.getScan(bad)).toMatchObject({
        status: 'failed',
        error: 'NotFoundError: repository not found',
      });
      expect((await store.getLastScan(service.entityRef))?.id).toBe(bad);
    },
  );

  it.each(databases.eachSupportedId())(
    'records an unchanged scan without touching the result, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const service = target('cart');
      await store.upsertServices([service]);
      const good = await claimScheduled(store, service);
      await store.completeSucceeded(good, service.entityRef, {
        etag: 'e1',
        commitSha: null,
        bytesRead: 10,
        report: report([], 100, 'Gold'),
      });
      const again = await claimScheduled(store, service);
      await store.completeUnchanged(again, service.entityRef);
      expect(await store.getService(service.entityRef)).toMatchObject({
        lastGoodScanId: good,
        lastScanId: again,
        etag: 'e1',
        score: 100,
      });
      expect(await store.getHistory(service.entityRef, 10)).toHaveLength(1);
      expect((await store.getScan(again))?.status).toBe('unchanged');
    },
  );

  it.each(databases.eachSupportedId())(
    'stores NotApplicable with a null score, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const service = target('docs-lib');
      await store.upsertServices([service]);
      const scanId = await claimScheduled(store, service);
      await store.completeSucceeded(scanId, service.entityRef, {
        etag: 'e',
        commitSha: null,
        bytesRead: 0,
        report: report([], 100, 'NotApplicable'),
      });
      expect(await store.getService(service.entityRef)).toMatchObject({
        score: null,
        level: 'NotApplicable',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'writes services only when their catalog data is new or changed, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const first = new Date('2030-01-01T00:00:00Z');
      const later = new Date('2030-01-02T00:00:00Z');
      const seenAt = async (name: string) =>
        (await store.getService(`component:default/${name}`))!.seenAt;
      await store.upsertServices([target('a'), target('b')], first);
      await store.upsertServices(
        [target('a'), target('b', { owner: 'group:default/team-b' })],
        later,
      );
      expect(await seenAt('a')).toBe(first.toISOString());
      expect(await seenAt('b')).toBe(later.toISOString());
      expect((await store.getService('component:default/b'))?.owner).toBe(
        'group:default/team-b',
      );
      expect(
        Number((await knex('buildcache_services').count({ n: '*' }))[0].n),
      ).toBe(2);
    },
  );
});
