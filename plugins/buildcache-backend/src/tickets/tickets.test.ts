import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { ScanStore } from '../database/ScanStore';
import { finding } from '../database/testData';
import {
  createRouterHarness,
  seedService,
  serviceEntity,
} from '../__testUtils__/routerHarness';
import { RecordingProvider } from './testing/RecordingProvider';
import { syncTickets } from './syncTickets';

/**
 * Filing tickets and fix pull requests through the API: created once,
 * updated on repeat, never duplicated by concurrent requests, nothing
 * stored when the tracker fails, closed by the sync once fixed.
 */

const NOW = new Date('2030-01-15T12:00:00.000Z');
const PATH = '/v1/entities/component/default/payments/tickets';
const FIX = {
  diff: '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1,2 @@\n+# syntax=docker/dockerfile:1\n FROM python:3.12\n',
  fixes: 2,
  before: 'FROM python:3.12\n',
  after: '# syntax=docker/dockerfile:1\nFROM python:3.12\n',
};

const findings = () => [
  finding({ ruleId: 'BC1005', path: 'Dockerfile', line: 4 }),
  finding({ ruleId: 'BC1001', path: 'Dockerfile', line: 2 }),
  finding({ ruleId: 'BC1007', path: 'Dockerfile', line: 9, fix: null }),
  finding({
    ruleId: 'BC2001',
    path: '.github/workflows/ci.yml',
    line: 9,
    fix: null,
  }),
];

describe('tickets', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    entities = [serviceEntity('payments')],
  ) {
    const knex = await databases.init(databaseId);
    const provider = new RecordingProvider();
    const harness = await createRouterHarness(knex, {
      now: () => NOW,
      provider,
      entities,
      ruleIds: ['BC1005', 'BC1001', 'BC1007', 'BC2001'],
    });
    await seedService(
      harness,
      'payments',
      findings(),
      70,
      'Silver',
      'group:default/team-a',
      new Map([['Dockerfile', FIX]]),
    );
    return { ...harness, provider, knex };
  }

  it.each(databases.eachSupportedId())(
    'files an issue once and updates it on repeat (%p)',
    async databaseId => {
      const { app, provider, auditor } = await setup(databaseId);
      const first = await request(app)
        .post(PATH)
        .send({ kind: 'issue', findings: [{ ruleId: 'BC1005' }] });
      expect(first.status).toBe(201);
      expect(first.body.outcome).toBe('created');
      const [ticket] = first.body.tickets;
      expect(ticket).toMatchObject({
        entityRef: 'component:default/payments',
        kind: 'issue',
        tracker: 'github',
        target: 'github:github.com/acme/payments',
        externalId: '1',
        state: 'open',
        findings: [
          {
            ruleId: 'BC1005',
            path: 'Dockerfile',
            fingerprint: expect.any(String),
          },
        ],
      });
      const body = provider.items.get(1)!.body;
      expect(body).toContain(
        '[`Dockerfile:4`](https://github.com/acme/payments/blob/main/Dockerfile#L4) **BC1005**',
      );
      expect(body).toContain(`buildcache-fingerprint: ${ticket.fingerprint}`);
      expect(body).toContain(ticket.findings[0].fingerprint);
      expect(body).toContain('```diff\n--- a/Dockerfile');
      expect(provider.items.get(1)!.labels).toEqual(['buildcache']);

      const again = await request(app)
        .post(PATH)
        .send({ kind: 'issue', findings: [{ ruleId: 'BC1005' }] });
      expect(again.status).toBe(200);
      expect(again.body.outcome).toBe('updated');
      expect(again.body.tickets.map((t: any) => t.id)).toEqual([ticket.id]);
      expect(provider.calls).toEqual(['createIssue', 'updateIssue 1']);

      // the other findings are not covered yet: a second ticket for them only
      const rest = await request(app).post(PATH).send({ kind: 'issue' });
      expect(rest.body.outcome).toBe('created');
      expect(rest.body.tickets[0].findings.map((f: any) => f.ruleId)).toEqual([
        'BC2001',
        'BC1001',
        'BC1007',
      ]);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'ticket-create' }),
      );
      const list = await request(app).get(
        `/v1/tickets?entityRef=${encodeURIComponent(
          'component:default/payments',
        )}`,
      );
      expect(list.body.items).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'twenty concurrent requests create exactly one issue (%p)',
    async databaseId => {
      const { app, provider, ticketStore } = await setup(databaseId);
      let release!: () => void;
      provider.createDelay = new Promise(resolve => {
        release = resolve;
      });
      const requests = Array.from({ length: 20 }, () =>
        request(app)
          .post(PATH)
          .send({ kind: 'issue' })
          .then(r => r),
      );
      // let every request reach the claim before the one create answers
      await new Promise(resolve => setTimeout(resolve, 300));
      release();
      const responses = await Promise.all(requests);
      expect(responses.map(r => r.status).filter(s => s >= 400)).toEqual([]);
      const outcomes = responses.map(r => r.body.outcome);
      expect(outcomes.filter(o => o === 'created')).toHaveLength(1);
      expect(provider.calls.filter(c => c === 'createIssue')).toHaveLength(1);
      expect(await ticketStore.list({})).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores nothing when the tracker fails, and files on the next try (%p)',
    async databaseId => {
      const { app, provider, ticketStore } = await setup(databaseId);
      provider.failNextCreate = Object.assign(new Error('GitHub is down'), {
        name: 'ServiceUnavailableError',
      });
      const failed = await request(app).post(PATH).send({ kind: 'issue' });
      expect(failed.status).toBe(503);
      expect(failed.body.error.message).toContain('GitHub is down');
      expect(await ticketStore.list({})).toEqual([]);
      const retried = await request(app).post(PATH).send({ kind: 'issue' });
      expect(retried.body.outcome).toBe('created');
    },
  );

  it.each(databases.eachSupportedId())(
    'opens a fix pull request with the stored fix, and previews it (%p)',
    async databaseId => {
      const { app, provider } = await setup(databaseId);
      const preview = await request(app)
        .post(PATH)
        .send({ kind: 'pull-request', dryRun: true });
      expect(preview.body.outcome).toBe('would-create');
      expect(preview.body.preview.patch).toBe(FIX.diff);
      expect(preview.body.preview.target).toBe(
        'github:github.com/acme/payments',
      );
      expect(provider.calls).toEqual([]);

      const created = await request(app)
        .post(PATH)
        .send({ kind: 'pull-request', findings: [{ ruleId: 'BC1005' }] });
      expect(created.status).toBe(201);
      const [pr] = created.body.tickets;
      expect(pr.branch).toMatch(/^buildcache\/fix-payments-[0-9a-f]{10}$/);
      expect(pr.findings).toEqual([
        { ruleId: '*', path: 'Dockerfile', fingerprint: expect.any(String) },
      ]);
      // the body lists what the patch fixes, not the file's other findings
      expect(provider.items.get(1)!.title).toBe(
        'Build cache: apply 2 suggested fixes in payments',
      );
      expect(provider.items.get(1)!.body).not.toContain('BC1007');
      const sent = provider.items.get(1)!.pull!;
      expect(sent).toMatchObject({
        branch: pr.branch,
        baseBranch: 'main',
        files: [
          {
            path: 'Dockerfile',
            content: FIX.after,
            expectedContent: FIX.before,
          },
        ],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'says clearly what cannot be filed (%p)',
    async databaseId => {
      const { app, ticketStore } = await setup(databaseId, [
        {
          ...serviceEntity('payments'),
          metadata: {
            ...serviceEntity('payments').metadata,
            annotations: {
              ...serviceEntity('payments').metadata.annotations,
              'buildcache.io/tickets': 'trello',
            },
          },
        },
      ]);
      const noFix = await request(app)
        .post(PATH)
        .send({ kind: 'pull-request', findings: [{ ruleId: 'BC2001' }] });
      expect(noFix.status).toBe(400);
      expect(noFix.body.error.message).toContain(
        'No fix of BC2001 in component:default/payments can be applied mechanically',
      );
      const unknown = await request(app).post(PATH).send({ kind: 'issue' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain(
        'the buildcache.io/tickets annotation of component:default/payments names an unknown tracker "trello"',
      );
      const gone = await request(app)
        .post(PATH)
        .send({ kind: 'issue', findings: [{ ruleId: 'BC1008' }] });
      expect(gone.body.error.message).toContain(
        'component:default/payments has no open finding of BC1008',
      );
      const badBody = await request(app)
        .post(PATH)
        .send({ kind: 'ticket', extra: 1 });
      expect(badBody.status).toBe(400);
      expect(await ticketStore.list({})).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'sync records merged pull requests and closes issues whose findings are gone (%p)',
    async databaseId => {
      const harness = await setup(databaseId);
      const { app, provider, ticketStore, store, knex } = harness;
      await request(app)
        .post(PATH)
        .send({ kind: 'issue', findings: [{ ruleId: 'BC1005' }] });
      await request(app)
        .post(PATH)
        .send({ kind: 'pull-request', findings: [{ ruleId: 'BC1001' }] });
      provider.setState('2', 'merged');
      const options = {
        tickets: ticketStore,
        store,
        providerFor: () => provider,
        closeWhenFixed: true,
        logger: { warn: jest.fn() } as any,
      };
      // the findings are still there: the issue stays open
      expect(await syncTickets(options)).toEqual({
        checked: 2,
        changed: 1,
        closedAsFixed: 0,
        failed: 0,
      });
      // a later scan without BC1005
      const later = new Date(NOW.getTime() + 60_000);
      await seedService(
        { store: new ScanStore(knex, () => later) },
        'payments',
        [
          finding({
            ruleId: 'BC2001',
            path: '.github/workflows/ci.yml',
            fix: null,
          }),
        ],
      );
      expect(await syncTickets(options)).toMatchObject({
        checked: 1,
        closedAsFixed: 1,
      });
      const tickets = await ticketStore.list({});
      expect(Object.fromEntries(tickets.map(t => [t.kind, t.state]))).toEqual({
        issue: 'closed',
        'pull-request': 'merged',
      });
      expect(provider.items.get(1)!.comments[0]).toContain(
        'no longer finds BC1005 in Dockerfile',
      );
      // a closed ticket frees its finding: it could be filed again
      expect(
        await ticketStore.holders(
          tickets.flatMap(t => t.findings.map(f => f.fingerprint)),
        ),
      ).toEqual([]);
    },
  );
});
