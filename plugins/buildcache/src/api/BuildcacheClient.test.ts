import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { BuildcacheClient } from './BuildcacheClient';
import {
  history,
  rules,
  scorecard,
  servicesPage,
  summaryByOwner,
  waivers,
} from '../__testUtils__/fixtures';
import {
  dryRunCampaign,
  issuePreview,
  issueTicket,
} from '../__testUtils__/ticketFixtures';

const base = 'http://backstage.test/api/buildcache';

describe('BuildcacheClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new BuildcacheClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });

  it('fetches a scorecard under lower-cased, encoded entity ref parts', async () => {
    const seen: string[] = [];
    server.use(
      http.get(
        `${base}/v1/entities/:kind/:namespace/:name/scorecard`,
        ({ request }) => {
          seen.push(new URL(request.url).pathname);
          return HttpResponse.json(scorecard);
        },
      ),
    );

    await expect(
      client.getScorecard('Component:Default/Payments API'),
    ).resolves.toEqual(scorecard);
    await client.getScorecard({
      kind: 'Component',
      namespace: 'default',
      name: 'a/b',
    });

    expect(seen).toEqual([
      '/api/buildcache/v1/entities/component/default/payments%20api/scorecard',
      '/api/buildcache/v1/entities/component/default/a%2Fb/scorecard',
    ]);
  });

  it('throws a ResponseError carrying the backend error on 404', async () => {
    server.use(
      http.get(`${base}/v1/entities/:kind/:namespace/:name/scorecard`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/nope',
            },
            request: { method: 'GET', url: '/scorecard' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const error = await client
      .getScorecard('component:default/nope')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).response.status).toBe(404);
    expect((error as ResponseError).body.error.message).toBe(
      'No entity component:default/nope',
    );
  });

  it('unwraps history items and passes the limit', async () => {
    server.use(
      http.get(
        `${base}/v1/entities/component/default/payments-api/history`,
        ({ request }) => {
          expect(new URL(request.url).searchParams.get('limit')).toBe('30');
          return HttpResponse.json({ items: history });
        },
      ),
    );
    await expect(
      client.getHistory('component:default/payments-api', { limit: 30 }),
    ).resolves.toEqual(history);
  });

  it('requests a scan and polls its status', async () => {
    server.use(
      http.post(`${base}/v1/entities/component/default/payments-api/scan`, () =>
        HttpResponse.json(
          { scanId: 'scan 42', status: 'queued' },
          { status: 202 },
        ),
      ),
      http.get(`${base}/v1/scans/scan%2042`, () =>
        HttpResponse.json({
          id: 'scan 42',
          entityRef: 'component:default/payments-api',
          status: 'running',
          startedAt: '2030-01-01T10:00:00.000Z',
          finishedAt: null,
          error: null,
        }),
      ),
    );
    const requested = await client.requestScan(
      'component:default/payments-api',
    );
    expect(requested).toEqual({ scanId: 'scan 42', status: 'queued' });
    await expect(client.getScan(requested.scanId)).resolves.toMatchObject({
      status: 'running',
    });
  });

  it('sends compliance filters, order and paging as query parameters', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${base}/v1/compliance/services`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json(servicesPage);
      }),
    );
    await client.listComplianceServices({
      owner: 'group:default/team-payments',
      level: 'Bronze',
      ruleId: 'BC1001',
      q: '',
      orderBy: 'score',
      order: 'asc',
      offset: 20,
      limit: 20,
    });
    expect(Object.fromEntries(query!)).toEqual({
      owner: 'group:default/team-payments',
      level: 'Bronze',
      ruleId: 'BC1001',
      orderBy: 'score',
      order: 'asc',
      offset: '20',
      limit: '20',
    });
  });

  it('fetches the summary grouped by owner', async () => {
    server.use(
      http.get(`${base}/v1/compliance/summary`, ({ request }) =>
        new URL(request.url).searchParams.get('groupBy') === 'owner'
          ? HttpResponse.json(summaryByOwner)
          : HttpResponse.json({}, { status: 400 }),
      ),
    );
    await expect(
      client.getComplianceSummary({ groupBy: 'owner' }),
    ).resolves.toEqual(summaryByOwner);
  });

  it('fetches the summary of the filtered services, sending set filters only', async () => {
    let query: Record<string, string> | undefined;
    server.use(
      http.get(`${base}/v1/compliance/summary`, ({ request }) => {
        query = Object.fromEntries(new URL(request.url).searchParams);
        return HttpResponse.json(summaryByOwner);
      }),
    );
    await client.getComplianceSummary({
      groupBy: 'rule',
      owner: 'group:default/team-payments',
      system: undefined,
      level: 'Bronze',
      ruleId: 'BC1001',
      q: '',
    });
    expect(query).toEqual({
      groupBy: 'rule',
      owner: 'group:default/team-payments',
      level: 'Bronze',
      ruleId: 'BC1001',
    });
    await client.getComplianceSummary();
    expect(query).toEqual({});
  });

  it('exports CSV with Accept: text/csv and the same filters', async () => {
    const csv = 'entityRef,score\ncomponent:default/payments-api,84\n';
    server.use(
      http.get(`${base}/v1/compliance/services`, ({ request }) => {
        expect(request.headers.get('accept')).toBe('text/csv');
        expect(new URL(request.url).searchParams.get('system')).toBe(
          'system:default/checkout',
        );
        expect(new URL(request.url).searchParams.has('offset')).toBe(false);
        return new HttpResponse(csv, {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    const blob = await client.exportComplianceServicesCsv({
      system: 'system:default/checkout',
    });
    expect(blob.type).toBe('text/csv;charset=utf-8');
    await expect(blob.text()).resolves.toBe(csv);
  });

  it('exports the findings CSV with Accept: text/csv and the filters', async () => {
    const csv = 'service,owner,system,rule,file,line,severity,state\r\n';
    let query: Record<string, string> | undefined;
    server.use(
      http.get(`${base}/v1/compliance/findings`, ({ request }) => {
        expect(request.headers.get('accept')).toBe('text/csv');
        query = Object.fromEntries(new URL(request.url).searchParams);
        return new HttpResponse(csv, {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    const blob = await client.exportFindingsCsv({
      owner: 'group:default/team-payments',
      ruleId: 'BC1001',
      q: '',
    });
    expect(query).toEqual({
      owner: 'group:default/team-payments',
      ruleId: 'BC1001',
    });
    expect(blob.type).toBe('text/csv;charset=utf-8');
    await expect(blob.text()).resolves.toBe(csv);
  });

  it('lists waivers, filtered by target and rule', async () => {
    const queries: Array<Record<string, string>> = [];
    server.use(
      http.get(`${base}/v1/waivers`, ({ request }) => {
        queries.push(Object.fromEntries(new URL(request.url).searchParams));
        return HttpResponse.json({ items: waivers });
      }),
    );
    await expect(client.listWaivers()).resolves.toEqual(waivers);
    await client.listWaivers({ target: '*', ruleId: 'BC1010' });
    expect(queries).toEqual([{}, { target: '*', ruleId: 'BC1010' }]);
  });

  it('lists rules', async () => {
    server.use(
      http.get(`${base}/v1/rules`, () => HttpResponse.json({ items: rules })),
    );
    await expect(client.listRules()).resolves.toEqual(rules);
  });

  it('posts a ticket request under the entity path and returns the result', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${base}/v1/entities/component/default/payments-api/tickets`,
        async ({ request }) => {
          expect(request.headers.get('content-type')).toBe('application/json');
          body = await request.json();
          return HttpResponse.json(issuePreview);
        },
      ),
    );
    await expect(
      client.createTicket('Component:default/payments-api', {
        kind: 'issue',
        findings: [{ ruleId: 'BC1001', path: 'Dockerfile' }],
        dryRun: true,
      }),
    ).resolves.toEqual(issuePreview);
    expect(body).toEqual({
      kind: 'issue',
      findings: [{ ruleId: 'BC1001', path: 'Dockerfile' }],
      dryRun: true,
    });
  });

  it('surfaces the backend message of a refused ticket request', async () => {
    const message =
      'No fix of BC2001 in component:default/payments-api can be applied mechanically, so there is nothing to put in a pull request; file an issue instead';
    server.use(
      http.post(
        `${base}/v1/entities/component/default/payments-api/tickets`,
        () =>
          HttpResponse.json(
            {
              error: { name: 'InputError', message },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
      ),
    );
    const error = await client
      .createTicket('component:default/payments-api', {
        kind: 'pull-request',
        findings: [{ ruleId: 'BC2001' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).response.status).toBe(400);
    expect((error as ResponseError).body.error.message).toBe(message);
  });

  it('lists tickets by URL-encoded entity ref', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${base}/v1/tickets`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ items: [issueTicket] });
      }),
    );
    await expect(
      client.listTickets('component:default/payments-api'),
    ).resolves.toEqual([issueTicket]);
    await client.listTickets({
      kind: 'Component',
      namespace: 'default',
      name: 'a b',
    });
    expect(seen).toEqual([
      '?entityRef=component%3Adefault%2Fpayments-api',
      '?entityRef=component%3Adefault%2Fa+b',
    ]);
  });

  it('starts a campaign and reads it back by encoded id', async () => {
    let body: unknown;
    server.use(
      http.post(`${base}/v1/campaigns`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          { ...dryRunCampaign, dryRun: false, status: 'running', results: [] },
          { status: 202 },
        );
      }),
      http.get(`${base}/v1/campaigns/:id`, ({ params }) =>
        params.id === dryRunCampaign.id
          ? HttpResponse.json(dryRunCampaign)
          : HttpResponse.json(
              {
                error: { name: 'NotFoundError', message: 'No campaign x' },
                response: { statusCode: 404 },
              },
              { status: 404 },
            ),
      ),
    );
    const started = await client.createCampaign({
      kind: 'issue',
      filter: { ruleId: 'BC1001' },
    });
    expect(started.status).toBe('running');
    expect(body).toEqual({ kind: 'issue', filter: { ruleId: 'BC1001' } });
    await expect(client.getCampaign(dryRunCampaign.id)).resolves.toEqual(
      dryRunCampaign,
    );
    await expect(client.getCampaign('x')).rejects.toMatchObject({
      body: { error: { message: 'No campaign x' } },
    });
  });
});
