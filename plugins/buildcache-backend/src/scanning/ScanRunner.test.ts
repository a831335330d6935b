import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { applyDatabaseMigrations } from '../database/migrations';
import { ScanStore } from '../database/ScanStore';
import { report, target } from '../database/testData';
import type { RepositoryTree } from './readRepository';
import { ScanRunner, type CombineTree } from './ScanRunner';
import { Rescorer } from '../waivers/Rescorer';
import { WaiverStore } from '../database/WaiverStore';

/** A reader serving one Dockerfile per URL, honouring ETags like GitHub's. */
function fakeReader(trees: Record<string, { etag: string; fail?: Error }>) {
  const downloads: string[] = [];
  const reader: UrlReaderService = {
    readUrl: jest.fn(),
    search: jest.fn(),
    readTree: jest.fn(async (url, options) => {
      const tree = trees[url];
      if (!tree) throw new NotFoundError(`${url} not found`);
      if (tree.fail) throw tree.fail;
      if (options?.etag === tree.etag) throw new NotModifiedError();
      downloads.push(url);
      const paths = ['Dockerfile', 'src/main.py'].filter(
        p => options?.filter?.(p, { size: 10 }) ?? true,
      );
      return {
        etag: tree.etag,
        files: async () =>
          paths.map(path => ({
            path,
            content: async () => Buffer.from('FROM python:3.12\n'),
          })),
        archive: jest.fn(),
        dir: jest.fn(),
      };
    }),
  };
  return { reader, downloads };
}

describe('ScanRunner', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    trees: Parameters<typeof fakeReader>[0],
    options: { analysisKey?: string; knex?: Knex; combine?: CombineTree } = {},
  ) {
    const knex = options.knex ?? (await databases.init('SQLITE_3'));
    await applyDatabaseMigrations(knex);
    const store = new ScanStore(knex);
    const { reader, downloads } = fakeReader(trees);
    const analyze = jest.fn((_tree: RepositoryTree, _root: string) =>
      report([], 100, 'Gold'),
    );
    const waivers = new WaiverStore(knex);
    const runner = new ScanRunner({
      store,
      rescorer: new Rescorer({ store, waivers, weights: {} }),
      reader,
      logger: mockServices.logger.mock(),
      analyze,
      analysisKey: options.analysisKey,
      combine: options.combine,
      limits: { maxFileBytes: 1000, maxFiles: 10, timeoutMs: 30_000 },
      concurrency: 2,
    });
    return { knex, store, runner, analyze, downloads };
  }

  it('skips download and analysis when the ETag is unchanged', async () => {
    const svc = target('api', { sourceUrl: 'https://scm/api' });
    const { store, runner, analyze, downloads } = await setup({
      'https://scm/api': { etag: 'c0ffee'.padEnd(40, '0') },
    });
    await store.upsertServices([svc]);

    expect(await runner.scanAll([svc])).toEqual({
      succeeded: 1,
      unchanged: 0,
      failed: 0,
      noSource: 0,
      busy: 0,
    });
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(analyze.mock.calls[0][0]).toMatchObject({
      files: [{ path: 'Dockerfile' }],
      commitSha: 'c0ffee'.padEnd(40, '0'),
    });

    expect(await runner.scanAll([svc])).toEqual({
      succeeded: 0,
      unchanged: 1,
      failed: 0,
      noSource: 0,
      busy: 0,
    });
    expect(analyze).toHaveBeenCalledTimes(1);
    expect(downloads).toEqual(['https://scm/api']);
    const service = await store.getService(svc.entityRef);
    expect((await store.getScan(service!.lastScanId!))?.status).toBe(
      'unchanged',
    );
    expect(service?.score).toBe(100);
  });

  it('stores the combined fix of each file; a failure to combine keeps the scan', async () => {
    const ok = target('ok', { sourceUrl: 'https://scm/ok' });
    const broken = target('broken', { sourceUrl: 'https://scm/broken' });
    const combine = jest.fn((_tree: RepositoryTree, root: string) => {
      if (root === 'https://scm/broken') throw new Error('closure exploded');
      return new Map([
        [
          'Dockerfile',
          { diff: '--- a/Dockerfile\n', fixes: 2, before: 'a', after: 'b' },
        ],
      ]);
    });
    const { store, runner } = await setup(
      {
        'https://scm/ok': { etag: 'e1' },
        'https://scm/broken': { etag: 'e2' },
      },
      { combine },
    );
    await store.upsertServices([ok, broken]);
    expect((await runner.scanAll([ok, broken])).succeeded).toBe(2);
    const fileOf = async (entityRef: string) => {
      const service = await store.getService(entityRef);
      const files = await store.getFiles(service!.lastGoodScanId!);
      return files.find(f => f.path === 'Dockerfile');
    };
    expect((await fileOf(ok.entityRef))?.combinedFix).toEqual({
      diff: '--- a/Dockerfile\n',
      fixes: 2,
    });
    expect((await fileOf(broken.entityRef))?.combinedFix).toBeNull();
  });

  it('re-analyzes an unchanged repository when the analyzer changed', async () => {
    const svc = target('api', { sourceUrl: 'https://scm/api' });
    const trees = { 'https://scm/api': { etag: 'e1' } };
    const before = await setup(trees, { analysisKey: 'analyzer-1' });
    await before.store.upsertServices([svc]);
    await before.runner.scanAll([svc]);

    const same = await setup(trees, {
      analysisKey: 'analyzer-1',
      knex: before.knex,
    });
    expect(await same.runner.scanAll([svc])).toMatchObject({ unchanged: 1 });
    expect(same.analyze).not.toHaveBeenCalled();

    const upgraded = await setup(trees, {
      analysisKey: 'analyzer-2',
      knex: before.knex,
    });
    expect(await upgraded.runner.scanAll([svc])).toMatchObject({
      succeeded: 1,
    });
    expect(upgraded.analyze).toHaveBeenCalledTimes(1);
    expect((await upgraded.store.getService(svc.entityRef))?.analysisKey).toBe(
      'analyzer-2',
    );
  });

  it('records a failing repository without affecting the others', async () => {
    const good = target('good', { sourceUrl: 'https://scm/good' });
    const broken = target('broken', { sourceUrl: 'https://scm/broken' });
    const missing = target('missing', { sourceUrl: 'https://scm/missing' });
    const none = target('none', { sourceUrl: null });
    const { store, runner } = await setup({
      'https://scm/good': { etag: 'g' },
      'https://scm/broken': {
        etag: 'b',
        fail: new Error('GitHub answered 502 Bad Gateway'),
      },
    });
    await store.upsertServices([good, broken, missing, none]);

    expect(await runner.scanAll([good, broken, missing, none])).toEqual({
      succeeded: 1,
      unchanged: 0,
      failed: 2,
      noSource: 1,
      busy: 0,
    });
    expect((await store.getService(good.entityRef))?.level).toBe('Gold');
    expect(await store.getService(broken.entityRef)).toMatchObject({
      lastError: 'Error: GitHub answered 502 Bad Gateway',
      level: null,
    });
    expect((await store.getService(missing.entityRef))?.lastError).toMatch(
      /not found/,
    );
  });

  it('claims, reads and completes unchanged services in batches: a few statements per batch', async () => {
    const services = Array.from({ length: 20 }, (_, i) =>
      target(`svc-${i}`, { sourceUrl: `https://scm/svc-${i}` }),
    );
    const { knex, store, runner } = await setup(
      Object.fromEntries(services.map(s => [s.sourceUrl!, { etag: 'e' }])),
    );
    await store.upsertServices(services);
    expect((await runner.scanAll(services)).succeeded).toBe(20);

    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    knex.on('query', count);
    try {
      expect(await runner.scanAll(services)).toMatchObject({
        unchanged: 20,
        busy: 0,
      });
    } finally {
      knex.off('query', count);
    }
    // 5 batches of 4 (2 × concurrency): claim, check, read, then one
    // transaction of two updates and the data revision's; one per service
    // would be 8 × 20
    expect(statements.length).toBeLessThanOrEqual(1 + 5 * 8);
    for (const s of services) {
      const service = await store.getService(s.entityRef);
      expect(service?.lastScanId).not.toBe(service?.lastGoodScanId);
      expect((await store.getScan(service!.lastScanId!))?.status).toBe(
        'unchanged',
      );
    }
  });

  it('skips a service that another scan has claimed', async () => {
    const svc = target('api', { sourceUrl: 'https://scm/api' });
    const { store, runner, analyze } = await setup({
      'https://scm/api': { etag: 'e' },
    });
    await store.upsertServices([svc]);
    const otherReplica = await store.claimScan({
      entityRef: svc.entityRef,
      trigger: 'schedule',
      sourceUrl: svc.sourceUrl,
    });
    expect(otherReplica).toBeDefined();
    expect(await runner.scanAll([svc])).toMatchObject({
      busy: 1,
      succeeded: 0,
    });
    expect(analyze).not.toHaveBeenCalled();
    expect(await runner.requestScan(svc)).toBe(otherReplica);
  });

  it('runs a user-requested scan in the background and reports a missing source', async () => {
    const svc = target('api', { sourceUrl: 'https://scm/api' });
    const { store, runner } = await setup({ 'https://scm/api': { etag: 'e' } });
    await store.upsertServices([svc]);
    const scanId = await runner.requestScan(svc);
    await runner.idle();
    expect((await store.getScan(scanId))?.status).toBe('succeeded');

    const orphan = target('orphan', { sourceUrl: null });
    await store.upsertServices([orphan]);
    const orphanScan = await runner.requestScan(orphan);
    expect(await store.getScan(orphanScan)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/no source location/),
    });
  });
});
