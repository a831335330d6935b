import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { claim, createScanStore, report, target } from './testData';

/** The batched writes of a scan cycle (claims, unchanged completions). */
describe('ScanStore batches', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  const createStore = (databaseId: TestDatabaseId) =>
    createScanStore(databases, databaseId);

  it.each(databases.eachSupportedId())(
    'claims many services at once, running, and skips those another scan holds, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const [a, b, c] = [target('a'), target('b'), target('c')];
      await store.upsertServices([a, b, c]);
      const held = await claim(store, {
        entityRef: b.entityRef,
        trigger: 'user',
        sourceUrl: b.sourceUrl,
      });

      const claimed = await store.claimRunningScans([a, b, c, a]);
      expect([...claimed.keys()].sort()).toEqual([a.entityRef, c.entityRef]);
      for (const [entityRef, scanId] of claimed) {
        const scan = await store.getScan(scanId);
        expect(scan?.status).toBe('running');
        expect(scan?.startedAt).toBeTruthy();
        expect((await store.getActiveScan(entityRef))?.id).toBe(scanId);
      }
      expect((await store.getActiveScan(b.entityRef))?.id).toBe(held);
      // now every service is held: claiming again claims nothing
      expect((await store.claimRunningScans([a, b, c])).size).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'completes many unchanged scans at once, each service keeping its result, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const services = [target('a'), target('b'), target('c')];
      await store.upsertServices(services);
      const good = new Map<string, string>();
      for (const [i, s] of services.entries()) {
        const scanId = await claim(store, {
          entityRef: s.entityRef,
          trigger: 'schedule',
          sourceUrl: s.sourceUrl,
        });
        await store.completeSucceeded(scanId, s.entityRef, {
          etag: `e${i}`,
          commitSha: null,
          bytesRead: 1,
          report: report([], 90 + i, 'Gold'),
        });
        good.set(s.entityRef, scanId);
      }
      // c failed since: stale, with an error
      const failed = await claim(store, {
        entityRef: services[2].entityRef,
        trigger: 'schedule',
        sourceUrl: 'x',
      });
      await store.completeFailed(failed, services[2].entityRef, 'boom');

      const [a, , c] = services;
      const claimed = await store.claimRunningScans([a, c]);
      const states = await store.getServices([...claimed.keys()]);
      expect([...states.keys()].sort()).toEqual([a.entityRef, c.entityRef]);
      expect(states.get(c.entityRef)).toMatchObject({
        stale: true,
        etag: 'e2',
      });

      await store.completeUnchangedMany(
        [...claimed].map(([entityRef, scanId]) => ({ scanId, entityRef })),
      );
      for (const [i, s] of services.entries()) {
        const state = await store.getService(s.entityRef);
        expect(state).toMatchObject({
          lastGoodScanId: good.get(s.entityRef),
          lastScanId: claimed.get(s.entityRef) ?? good.get(s.entityRef),
          etag: `e${i}`,
          score: 90 + i,
          stale: false,
          lastError: null,
        });
      }
      for (const scanId of claimed.values())
        expect((await store.getScan(scanId))?.status).toBe('unchanged');
      expect(await store.getActiveScan(a.entityRef)).toBeUndefined();
    },
  );
});
