import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  Campaign,
  CampaignServiceResult,
} from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef, BuildcacheClient } from '../../api';
import {
  rules,
  servicesPage,
  summary,
  summaryByOwner,
} from '../../__testUtils__/fixtures';
import { dryRunCampaign } from '../../__testUtils__/ticketFixtures';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { ComplianceContent } from '../CompliancePage';
import { CampaignButton } from './CampaignButton';

const base = 'http://backstage.test/api/buildcache';
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const created = (entityRef: string, n: number): CampaignServiceResult => ({
  entityRef,
  outcome: 'created',
  ticketId: `ticket-${n}`,
  ticketUrl: `https://github.com/acme/${entityRef.split('/')[1]}/issues/${n}`,
  reason: null,
});

const startedCampaign: Campaign = {
  ...dryRunCampaign,
  id: 'c0ffee00-0000-4000-8000-000000000002',
  dryRun: false,
  status: 'running',
  finishedAt: null,
  results: [],
};

describe('ticket campaigns', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let posted: unknown[];
  let reads: number;

  beforeEach(() => {
    posted = [];
    reads = 0;
    server.use(
      http.get(`${base}/v1/compliance/services`, () =>
        HttpResponse.json(servicesPage),
      ),
      http.get(`${base}/v1/compliance/summary`, () =>
        HttpResponse.json(summary),
      ),
      http.get(`${base}/v1/compliance/facets`, () =>
        HttpResponse.json({
          owners: summaryByOwner.groups.map(g => g.key),
          systems: ['system:default/checkout'],
          ruleIds: ['BC1001', 'BC2001'],
        }),
      ),
      http.get(`${base}/v1/rules`, () => HttpResponse.json({ items: rules })),
    );
  });

  /** Answers dry runs with `dryRunCampaign`, starts with `startedCampaign`, reads with `progress` in turn. */
  function campaignBackend(progress: Campaign[]) {
    server.use(
      http.post(`${base}/v1/campaigns`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        posted.push(body);
        return body.dryRun
          ? HttpResponse.json(dryRunCampaign)
          : HttpResponse.json(startedCampaign, { status: 202 });
      }),
      http.get(`${base}/v1/campaigns/:id`, ({ params }) => {
        expect(params.id).toBe(startedCampaign.id);
        const answer = progress[Math.min(reads, progress.length - 1)];
        reads++;
        return HttpResponse.json(answer);
      }),
    );
  }

  const client = () =>
    new BuildcacheClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: new MockFetchApi(),
    });

  function renderButton(pollIntervalMs: number) {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, client()],
          [permissionApiRef, allowAllPermissionApi()],
        ]}
      >
        <CampaignButton
          filter={{ owner: '', system: '', ruleId: 'BC1001', level: '' }}
          owners={[]}
          systems={[]}
          rules={rules}
          pollIntervalMs={pollIntervalMs}
        />
      </TestApiProvider>,
      { mountedRoutes },
    );
  }

  it("previews a campaign from the page's filters: an outcome per service", async () => {
    const user = userEvent.setup();
    campaignBackend([dryRunCampaign]);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, client()],
          [permissionApiRef, allowAllPermissionApi()],
        ]}
      >
        <ComplianceContent />
      </TestApiProvider>,
      {
        routeEntries: [
          '/buildcache?owner=group%3Adefault%2Fteam-payments&ruleId=BC1001&level=Bronze&q=pay',
        ],
        mountedRoutes,
      },
    );
    await screen.findByRole('link', { name: 'Payments API' });
    await user.click(await screen.findByRole('button', { name: 'Campaign' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Ticket campaign',
    });

    // prefilled from the page (not the free-text search), and editable
    expect(
      within(dialog).getByRole('button', { name: /^Owner/ }),
    ).toHaveTextContent('team-payments');
    expect(
      within(dialog).getByRole('button', { name: /^Failing rule/ }),
    ).toHaveTextContent('BC1001 apt-without-cache-mount');
    fireEvent.mouseDown(within(dialog).getByRole('button', { name: /^Level/ }));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('Any level'));
    await user.click(
      within(dialog).getByRole('radio', { name: 'Fix pull requests' }),
    );
    expect(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    ).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const table = await within(dialog).findByRole('table', {
      name: 'What each service would get',
    });
    expect(posted).toEqual([
      {
        kind: 'pull-request',
        filter: { owner: 'group:default/team-payments', ruleId: 'BC1001' },
        dryRun: true,
      },
    ]);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('payments-api');
    expect(rows[1]).toHaveTextContent('would update');
    expect(
      within(rows[1]).getByRole('link', {
        name: 'Ticket of component:default/payments-api, Opens in a new window',
      }),
    ).toHaveAttribute('href', dryRunCampaign.results[0].ticketUrl);
    expect(rows[2]).toHaveTextContent('would create');
    expect(rows[3]).toHaveTextContent('skipped');
    expect(rows[3]).toHaveTextContent('no open findings of BC1001');
    const counts = within(dialog).getByRole('list', {
      name: 'Services per outcome',
    });
    expect(counts).toHaveTextContent('1 would create');
    expect(counts).toHaveTextContent('1 would update');
    expect(counts).toHaveTextContent('1 skipped');
    expect(dialog).toHaveTextContent('3 services match.');

    // a changed filter needs a new preview before starting
    expect(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    ).toBeEnabled();
    await user.click(within(dialog).getByRole('radio', { name: 'Issues' }));
    expect(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    ).toBeDisabled();
    expect(dialog).toHaveTextContent('The filter changed since the preview');
  });

  it('starts a campaign and polls it until it is done', async () => {
    const user = userEvent.setup();
    campaignBackend([
      {
        ...startedCampaign,
        results: [created('component:default/payments-api', 12)],
      },
      {
        ...startedCampaign,
        status: 'done',
        finishedAt: '2030-01-01T12:01:00.000Z',
        results: [
          created('component:default/payments-api', 12),
          created('component:default/search-indexer', 4),
          { ...dryRunCampaign.results[2] },
        ],
      },
    ]);
    await renderButton(20);
    await user.click(await screen.findByRole('button', { name: 'Campaign' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Ticket campaign',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await within(dialog).findByRole('table');
    await user.click(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    );
    expect(posted[1]).toEqual({
      kind: 'issue',
      filter: { ruleId: 'BC1001' },
      dryRun: false,
    });

    expect(
      await within(dialog).findByText(
        'Campaign finished: 3 of 3 services done',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('progressbar', { name: 'Campaign progress' }),
    ).toHaveAttribute('aria-valuenow', '100');
    const table = within(dialog).getByRole('table', {
      name: 'What each service got',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(
      within(table).getByRole('link', {
        name: 'Ticket of component:default/search-indexer, Opens in a new window',
      }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/search-indexer/issues/4',
    );
    expect(
      within(dialog).getByRole('list', { name: 'Services per outcome' }),
    ).toHaveTextContent('2 created');
    // the form is locked and nothing can be started twice
    expect(
      within(dialog).queryByRole('button', { name: 'Start campaign' }),
    ).not.toBeInTheDocument();
    expect(
      within(dialog).getByRole('radio', { name: 'Issues' }),
    ).toBeDisabled();

    // polling stopped at done
    const readsAtDone = reads;
    expect(readsAtDone).toBe(2);
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(reads).toBe(readsAtDone);
  });

  it('shows progress while running and stops polling when the dialog closes', async () => {
    const user = userEvent.setup();
    campaignBackend([
      {
        ...startedCampaign,
        results: [created('component:default/payments-api', 12)],
      },
    ]);
    await renderButton(20);
    await user.click(await screen.findByRole('button', { name: 'Campaign' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Ticket campaign',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await within(dialog).findByRole('table');
    await user.click(
      within(dialog).getByRole('button', { name: 'Start campaign' }),
    );
    expect(
      await within(dialog).findByText('Filing: 1 of 3 services done'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('progressbar', { name: 'Campaign progress' }),
    ).toHaveAttribute('aria-valuenow', '33');
    await waitFor(() => expect(reads).toBeGreaterThanOrEqual(2));

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const readsAtClose = reads;
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(reads).toBeLessThanOrEqual(readsAtClose + 1);
    const settled = reads;
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(reads).toBe(settled);
  });

  it("shows the backend's refusal and retries the preview", async () => {
    const user = userEvent.setup();
    let refuse = true;
    server.use(
      http.post(`${base}/v1/campaigns`, () =>
        refuse
          ? HttpResponse.json(
              {
                error: {
                  name: 'InputError',
                  message: 'filter/ruleId must match pattern',
                },
                response: { statusCode: 400 },
              },
              { status: 400 },
            )
          : HttpResponse.json(dryRunCampaign),
      ),
    );
    await renderButton(20);
    await user.click(await screen.findByRole('button', { name: 'Campaign' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Ticket campaign',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Preview failed: filter/ruleId must match pattern',
    );
    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(await within(dialog).findByRole('table')).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });
});
