import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation, useNavigate } from 'react-router-dom';
import type { ComplianceSummary } from '@buildcache/plugin-buildcache-common';
import { alertApiRef } from '@backstage/core-plugin-api';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  entityPresentationApiRef,
  entityRouteRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { buildcacheApiRef, BuildcacheClient } from '../../api';
import {
  rules,
  servicesPage,
  summary,
  summaryByOwner,
} from '../../__testUtils__/fixtures';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { rootRouteRef } from '../../routes';
import { ComplianceContent } from './CompliancePage';

const base = 'http://backstage.test/api/buildcache';

function LocationProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <div data-testid="location-search">{location.search}</div>
      <button type="button" onClick={() => navigate(-1)}>
        Browser back
      </button>
    </>
  );
}

/** The summary of team-payments' services only. */
const paymentsSummary: ComplianceSummary = {
  ...summary,
  services: 2,
  meanScore: 88,
  levels: { Gold: 1, Silver: 1, Bronze: 0, None: 0, NotApplicable: 0 },
  adoption: [
    { ruleId: 'BC1001', applicable: 2, passing: 2, percent: 100 },
    { ruleId: 'BC2001', applicable: 2, passing: 1, percent: 50 },
  ],
};

const summaryByRule: ComplianceSummary = {
  ...summary,
  groupBy: 'rule',
  groups: [
    {
      key: 'BC1001',
      services: 1,
      meanScore: 44,
      levels: { Gold: 0, Silver: 0, Bronze: 1, None: 0, NotApplicable: 0 },
    },
    {
      key: 'BC2001',
      services: 2,
      meanScore: 64,
      levels: { Gold: 0, Silver: 1, Bronze: 1, None: 0, NotApplicable: 0 },
    },
  ],
};

/** The catalog's presentation: groups by their display names. */
const presentationApi: EntityPresentationApi = {
  forEntity: (entityOrRef: unknown) => {
    const entityRef = String(entityOrRef);
    const names: Record<string, string> = {
      'group:default/team-payments': 'Payments',
      'group:default/team-search': 'Search',
    };
    const snapshot = {
      entityRef,
      primaryTitle: names[entityRef] ?? entityRef.replace(/^.*\//, ''),
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
} as EntityPresentationApi;

describe('CompliancePage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let serviceRequests: URLSearchParams[];
  let summaryRequests: URLSearchParams[];
  let facetRequests: number;
  let ruleRequests: number;

  beforeEach(() => {
    serviceRequests = [];
    summaryRequests = [];
    facetRequests = 0;
    ruleRequests = 0;
    server.use(
      http.get(`${base}/v1/compliance/services`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        if (request.headers.get('accept') === 'text/csv') {
          return new HttpResponse('entityRef,score\n', {
            headers: { 'Content-Type': 'text/csv' },
          });
        }
        serviceRequests.push(params);
        return HttpResponse.json({
          ...servicesPage,
          offset: Number(params.get('offset') ?? 0),
        });
      }),
      http.get(`${base}/v1/compliance/summary`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        summaryRequests.push(params);
        if (params.get('groupBy') === 'owner') {
          return HttpResponse.json({
            ...summaryByOwner,
            groups: [
              ...summaryByOwner.groups,
              {
                key: '(none)',
                services: 1,
                meanScore: null,
                levels: {
                  Gold: 0,
                  Silver: 0,
                  Bronze: 0,
                  None: 0,
                  NotApplicable: 0,
                },
              },
            ],
          });
        }
        if (params.get('groupBy') === 'rule') {
          return HttpResponse.json(summaryByRule);
        }
        return HttpResponse.json(
          params.get('owner') === 'group:default/team-payments'
            ? paymentsSummary
            : summary,
        );
      }),
      http.get(`${base}/v1/compliance/facets`, () => {
        facetRequests += 1;
        return HttpResponse.json({
          owners: summaryByOwner.groups.map(g => g.key),
          systems: ['system:default/payments'],
          ruleIds: ['BC1001', 'BC2001'],
        });
      }),
      http.get(`${base}/v1/rules`, () => {
        ruleRequests += 1;
        return HttpResponse.json({ items: rules });
      }),
    );
  });

  /** Picks `option` in the select whose button is named `select`. */
  const choose = (select: RegExp, option: string) => {
    fireEvent.mouseDown(screen.getByRole('button', { name: select }));
    fireEvent.click(within(screen.getByRole('listbox')).getByText(option));
  };

  /** Waits for the page's URL query to match. */
  const expectSearch = (search: string | RegExp) =>
    waitFor(() =>
      expect(screen.getByTestId('location-search')).toHaveTextContent(search),
    );

  const lastServicesQuery = () =>
    Object.fromEntries(serviceRequests[serviceRequests.length - 1]);

  const alerts = { post: jest.fn(), alert$: jest.fn() };

  function renderPage(path = '/buildcache') {
    const client = new BuildcacheClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: new MockFetchApi(),
    });
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, client],
          [permissionApiRef, allowAllPermissionApi()],
          [entityPresentationApiRef, presentationApi],
          [alertApiRef, alerts],
        ]}
      >
        <ComplianceContent />
        <LocationProbe />
      </TestApiProvider>,
      {
        routeEntries: [path],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/buildcache': rootRouteRef,
        },
      },
    );
  }

  it('shows summary tiles, rule adoption and the first page of services', async () => {
    await renderPage();

    expect(await screen.findByLabelText('Mean score')).toHaveTextContent(
      '71.5',
    );
    expect(screen.getByText('+11.5 since 2029-12-01')).toBeInTheDocument();
    expect(screen.getByText('4 services')).toBeInTheDocument();
    expect(screen.getByTestId('level-tile-Gold')).toHaveTextContent('Gold1');
    expect(screen.getByTestId('level-tile-None')).toHaveTextContent('None0');
    expect(screen.getByText('BC2001: 33% (1 of 3)')).toBeInTheDocument();

    const link = await screen.findByRole('link', { name: 'Payments API' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(screen.getByText('no source location')).toBeInTheDocument();
    expect(screen.getByLabelText('stale')).toBeInTheDocument();
    expect(lastServicesQuery()).toEqual({
      orderBy: 'score',
      order: 'asc',
      offset: '0',
      limit: '20',
    });
    expect(summaryRequests.some(r => !r.has('groupBy'))).toBe(true);
  });

  it('reads filters, order and page from the URL', async () => {
    await renderPage(
      '/buildcache?level=Bronze&owner=group%3Adefault%2Fteam-search&ruleId=BC1001&q=index&orderBy=name&order=desc&page=1',
    );
    await screen.findByRole('link', { name: 'Payments API' });
    expect(lastServicesQuery()).toEqual({
      owner: 'group:default/team-search',
      level: 'Bronze',
      ruleId: 'BC1001',
      q: 'index',
      orderBy: 'name',
      order: 'desc',
      offset: '20',
      limit: '20',
    });
    // the owner as the catalog presents it
    expect(
      await screen.findByRole('button', { name: /Owner Search/ }),
    ).toBeInTheDocument();
  });

  it('changing the level filter updates the request and the URL, back to page 0', async () => {
    await renderPage('/buildcache?page=2');
    await screen.findByRole('link', { name: 'Payments API' });

    choose(/Any level/, 'Bronze');

    await waitFor(() =>
      expect(lastServicesQuery()).toMatchObject({
        level: 'Bronze',
        offset: '0',
      }),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?level=Bronze',
    );
  });

  it('offers the owners of scanned services as an owner filter', async () => {
    await renderPage();
    await screen.findByRole('link', { name: 'Payments API' });

    fireEvent.mouseDown(
      await screen.findByRole('button', { name: /Any owner/ }),
    );
    fireEvent.click(
      await within(screen.getByRole('listbox')).findByText('Payments'),
    );

    await waitFor(() =>
      expect(lastServicesQuery().owner).toBe('group:default/team-payments'),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?owner=group%3Adefault%2Fteam-payments',
    );
    // the tiles and the chart follow the filter
    expect(await screen.findByText('2 services')).toBeInTheDocument();
    expect(screen.getByText('Matching the filters')).toBeInTheDocument();
    expect(screen.getByLabelText('Mean score')).toHaveTextContent('88');
    expect(screen.getByTestId('level-tile-Bronze')).toHaveTextContent('0');
    expect(screen.getByText('BC2001: 50% (1 of 2)')).toBeInTheDocument();
    // one summary per view: the choices come from the facets
    expect(summaryRequests.map(p => Object.fromEntries(p))).toEqual([
      {},
      { owner: 'group:default/team-payments' },
    ]);
  });

  it('makes one request of each kind per view', async () => {
    await renderPage();
    await screen.findByRole('link', { name: 'Payments API' });
    await screen.findByText('4 services');
    expect([
      summaryRequests.length,
      serviceRequests.length,
      facetRequests,
      ruleRequests,
    ]).toEqual([1, 1, 1, 1]);

    // a new order reloads the list only
    fireEvent.click(screen.getAllByRole('button', { name: 'Service' })[0]);
    await waitFor(() => expect(serviceRequests).toHaveLength(2));
    // a filter reloads the summary and the list, once each
    choose(/Any level/, 'Bronze');
    await waitFor(() => expect(serviceRequests).toHaveLength(3));
    await waitFor(() => expect(summaryRequests).toHaveLength(2));
    expect(Object.fromEntries(summaryRequests[1])).toEqual({ level: 'Bronze' });
    expect([facetRequests, ruleRequests]).toEqual([1, 1]);
  });

  it('undoes a filter change with Back, and clears the filters', async () => {
    await renderPage('/buildcache?orderBy=name');
    await screen.findByRole('link', { name: 'Payments API' });
    expect(
      screen.getByRole('button', { name: 'Clear filters' }),
    ).toBeDisabled();

    choose(/Any level/, 'Bronze');
    await expectSearch('?level=Bronze&orderBy=name');
    fireEvent.click(screen.getByRole('button', { name: 'Browser back' }));
    await expectSearch(/^\?orderBy=name$/);
    await waitFor(() => expect(lastServicesQuery().level).toBeUndefined());
    expect(
      await screen.findByRole('button', { name: /Any level/ }),
    ).toBeInTheDocument();

    // forward again, then clear: every filter goes, the order stays
    choose(/Any level/, 'Bronze');
    choose(/Any rule/, 'BC1001 apt-without-cache-mount');
    await expectSearch('ruleId=BC1001');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await expectSearch(/^\?orderBy=name$/);
    await waitFor(() =>
      expect(lastServicesQuery()).toEqual({
        orderBy: 'name',
        order: 'asc',
        offset: '0',
        limit: '20',
      }),
    );
    // Back restores the filters just cleared
    fireEvent.click(screen.getByRole('button', { name: 'Browser back' }));
    await expectSearch('ruleId=BC1001');
  });

  it('filters by a rule from the adoption chart, and back to any rule', async () => {
    await renderPage();
    const chartButton = await screen.findByRole('button', {
      name: 'BC2001: 33% (1 of 3)',
    });
    expect(chartButton).toHaveAttribute('aria-pressed', 'false');
    chartButton.focus();
    fireEvent.click(chartButton);
    await waitFor(() => expect(lastServicesQuery().ruleId).toBe('BC2001'));
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?ruleId=BC2001',
    );
    expect(
      Object.fromEntries(summaryRequests[summaryRequests.length - 1]),
    ).toEqual({ ruleId: 'BC2001' });
    const pressed = await screen.findByRole('button', {
      name: 'BC2001: 33% (1 of 3)',
      pressed: true,
    });
    fireEvent.click(pressed);
    await waitFor(() => expect(lastServicesQuery().ruleId).toBeUndefined());
  });

  it('copies a link to the current view', async () => {
    const writeText = jest.fn(async (_text: string) => {});
    Object.assign(navigator, { clipboard: { writeText } });
    await renderPage('/buildcache?level=Silver&groupBy=owner');
    await screen.findByText('Services by owner');
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'Link to this view copied',
          severity: 'success',
        }),
      ),
    );
    expect(writeText).toHaveBeenCalledWith(
      'http://localhost/buildcache?level=Silver&groupBy=owner',
    );
  });

  it('debounces free-text search into the q parameter', async () => {
    const user = userEvent.setup();
    await renderPage();
    await screen.findByRole('link', { name: 'Payments API' });

    await user.type(screen.getByLabelText('Search'), 'payments');
    await waitFor(() => expect(lastServicesQuery().q).toBe('payments'));
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?q=payments',
    );
    // One request for the final text, not one per keystroke.
    expect(serviceRequests.filter(p => p.has('q'))).toHaveLength(1);
  });

  it('pages on the server', async () => {
    await renderPage();
    await screen.findByRole('link', { name: 'Payments API' });
    expect(screen.getAllByText('1-20 of 42').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await waitFor(() => expect(lastServicesQuery().offset).toBe('20'));
    expect(screen.getByTestId('location-search')).toHaveTextContent('?page=1');
    expect((await screen.findAllByText('21-40 of 42')).length).toBeGreaterThan(
      0,
    );
  });

  it('sorts on the server when a column header is clicked', async () => {
    await renderPage();
    await screen.findByRole('link', { name: 'Payments API' });

    // The sort label of the Service column header.
    fireEvent.click(screen.getAllByRole('button', { name: 'Service' })[0]);
    await waitFor(() =>
      expect(lastServicesQuery()).toMatchObject({
        orderBy: 'name',
        order: 'asc',
      }),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?orderBy=name',
    );
  });

  it('exports the filtered view as CSV', async () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:buildcache-csv');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    let csvQuery: URLSearchParams | undefined;
    server.use(
      http.get(`${base}/v1/compliance/services`, ({ request }) => {
        if (request.headers.get('accept') !== 'text/csv') {
          return HttpResponse.json(servicesPage);
        }
        csvQuery = new URL(request.url).searchParams;
        return new HttpResponse(
          'entityRef,score\ncomponent:default/payments-api,84\n',
          {
            headers: { 'Content-Type': 'text/csv' },
          },
        );
      }),
    );

    await renderPage('/buildcache?level=Silver&page=1');
    await screen.findByRole('link', { name: 'Payments API' });
    fireEvent.click(
      screen.getByRole('button', { name: 'Export CSV of the services' }),
    );

    await waitFor(() => expect(revokeObjectURL).toHaveBeenCalled());
    expect(Object.fromEntries(csvQuery!)).toEqual({
      level: 'Silver',
      orderBy: 'score',
      order: 'asc',
    });
    const blob = createObjectURL.mock.calls[0][0];
    await expect(blob.text()).resolves.toContain(
      'component:default/payments-api,84',
    );
    expect(clicked[0].download).toMatch(
      /^buildcache-compliance-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(clicked[0].href).toBe('blob:buildcache-csv');
    click.mockRestore();
  });

  it('groups by owner and drills into one group', async () => {
    await renderPage();
    await screen.findByRole('link', { name: 'Payments API' });

    choose(/No grouping/, 'Owner');

    expect(await screen.findByText('Services by owner')).toBeInTheDocument();
    expect(summaryRequests[summaryRequests.length - 1].get('groupBy')).toBe(
      'owner',
    );
    expect(await screen.findByText('88.0')).toBeInTheDocument();

    // the owner as the catalog presents it
    expect(screen.getByRole('link', { name: 'Search' })).toBeInTheDocument();
    // services without an owner: no filter selects them
    expect(screen.getByText('No owner')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Show services of \(none\)/ }),
    ).not.toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Show services of Search' }),
    );
    await waitFor(() =>
      expect(lastServicesQuery().owner).toBe('group:default/team-search'),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?owner=group%3Adefault%2Fteam-search',
    );
  });

  it('groups by failing rule and filters by the rule of a row', async () => {
    await renderPage('/buildcache?owner=group%3Adefault%2Fteam-payments');
    await screen.findByRole('link', { name: 'Payments API' });

    choose(/No grouping/, 'Failing rule');
    expect(
      await screen.findByText('Services by failing rule'),
    ).toBeInTheDocument();
    expect(
      Object.fromEntries(summaryRequests[summaryRequests.length - 1]),
    ).toEqual({ groupBy: 'rule', owner: 'group:default/team-payments' });
    expect(
      screen.getByText(/Of the services matching the filters/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/build-without-exported-cache/),
    ).toBeInTheDocument();
    // the rule id leads to the rule's page
    expect(screen.getByRole('link', { name: 'BC2001' })).toHaveAttribute(
      'href',
      '/buildcache/rules/BC2001',
    );
    // grouped, the list is not loaded
    const listed = serviceRequests.length;

    // a click anywhere on the row selects it
    fireEvent.click(screen.getByText(/build-without-exported-cache/));
    await waitFor(() => expect(lastServicesQuery().ruleId).toBe('BC2001'));
    expect(serviceRequests).toHaveLength(listed + 1);
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?owner=group%3Adefault%2Fteam-payments&ruleId=BC2001',
    );
    expect(lastServicesQuery().owner).toBe('group:default/team-payments');
    expect(
      await screen.findByRole('link', { name: 'About BC2001' }),
    ).toHaveAttribute('href', '/buildcache/rules/BC2001');
  });

  it('offers a button per rule group for the keyboard', async () => {
    await renderPage('/buildcache?groupBy=rule');
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Show services failing BC1001',
      }),
    );
    await waitFor(() => expect(lastServicesQuery().ruleId).toBe('BC1001'));
  });

  it('says when no service matches the filters, and shows all again', async () => {
    server.use(
      http.get(`${base}/v1/compliance/summary`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.has('system')
            ? {
                ...summary,
                services: 0,
                meanScore: null,
                levels: {
                  Gold: 0,
                  Silver: 0,
                  Bronze: 0,
                  None: 0,
                  NotApplicable: 0,
                },
                adoption: [],
                trend: [],
              }
            : summary,
        ),
      ),
    );
    await renderPage('/buildcache?system=system%3Adefault%2Fnowhere');
    expect(
      await screen.findByText('No services match these filters.', {
        selector: 'p',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Rule adoption')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show all services' }));
    expect(await screen.findByText('4 services')).toBeInTheDocument();
    expect(screen.getByTestId('location-search')).toBeEmptyDOMElement();
  });

  it('retries a failed summary, list or filter choices', async () => {
    const failing = { summary: true, services: true, facets: true };
    const fail = () =>
      HttpResponse.json(
        {
          error: { name: 'Error', message: 'database is down' },
          request: { method: 'GET', url: '/' },
          response: { statusCode: 500 },
        },
        { status: 500 },
      );
    server.use(
      http.get(`${base}/v1/compliance/summary`, () =>
        failing.summary ? fail() : HttpResponse.json(summary),
      ),
      http.get(`${base}/v1/compliance/services`, () =>
        failing.services ? fail() : HttpResponse.json(servicesPage),
      ),
      http.get(`${base}/v1/compliance/facets`, () =>
        failing.facets
          ? fail()
          : HttpResponse.json({
              owners: ['group:default/team-payments'],
              systems: [],
              ruleIds: [],
            }),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText(/Could not load the compliance summary/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not load the services/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not load the filter choices/),
    ).toBeInTheDocument();

    failing.summary = false;
    fireEvent.click(
      screen.getByRole('button', { name: 'Retry loading the summary' }),
    );
    expect(await screen.findByText('4 services')).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the compliance summary/),
    ).not.toBeInTheDocument();

    failing.services = false;
    fireEvent.click(
      screen.getByRole('button', { name: 'Retry loading the services' }),
    );
    expect(
      await screen.findByRole('link', { name: 'Payments API' }),
    ).toBeInTheDocument();

    failing.facets = false;
    fireEvent.click(
      screen.getByRole('button', { name: 'Retry loading the filter choices' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByText(/Could not load the filter choices/),
      ).not.toBeInTheDocument(),
    );
  });

  describe('at 800 px', () => {
    const matchMedia = window.matchMedia;
    beforeEach(() => {
      // a viewport 800 px wide, for MUI's useMediaQuery
      window.matchMedia = ((query: string) => {
        const max = /max-width:\s*([\d.]+)px/.exec(query);
        const min = /min-width:\s*([\d.]+)px/.exec(query);
        return {
          matches:
            (!max || Number(max[1]) >= 800) && (!min || Number(min[1]) <= 800),
          media: query,
          onchange: null,
          addListener: () => {},
          removeListener: () => {},
          addEventListener: () => {},
          removeEventListener: () => {},
          dispatchEvent: () => false,
        };
      }) as typeof window.matchMedia;
    });
    afterEach(() => {
      window.matchMedia = matchMedia;
    });

    it('keeps service, level, score and findings; the owner moves under the name', async () => {
      await renderPage();
      await screen.findByRole('link', { name: 'Payments API' });
      const headers = screen
        .getAllByRole('columnheader')
        .map(header => header.textContent);
      expect(headers).toEqual(['Service', 'Level', 'Score', 'Findings']);
      const row = screen
        .getByRole('link', { name: 'Payments API' })
        .closest('tr')!;
      expect(within(row).getByText('Owner:')).toBeInTheDocument();
      expect(
        within(row).getByRole('link', { name: 'Payments' }),
      ).toBeInTheDocument();
      expect(within(row).getByText('2 W')).toBeInTheDocument();
    });
  });

  it('shows an empty table when nothing matches', async () => {
    server.use(
      http.get(`${base}/v1/compliance/services`, () =>
        HttpResponse.json({ items: [], totalCount: 0, offset: 0, limit: 20 }),
      ),
    );
    await renderPage('/buildcache?q=nothing');
    expect(
      await screen.findByText('No services match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows progress while the summary loads', async () => {
    server.use(
      http.get(`${base}/v1/compliance/summary`, async () => {
        await delay('infinite');
        return HttpResponse.json(summary);
      }),
    );
    await renderPage();
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
  });

  it('shows errors from the backend', async () => {
    server.use(
      http.get(`${base}/v1/compliance/services`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'database is down' },
            request: { method: 'GET', url: '/v1/compliance/services' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
      http.get(`${base}/v1/compliance/summary`, () =>
        HttpResponse.json({}, { status: 503 }),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText(/Could not load the services/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Could not load the compliance summary/),
    ).toBeInTheDocument();
  });

  it('opens the rules catalogue with rendered docs', async () => {
    await renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Rules' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      await within(dialog).findByText('BC1001 apt-without-cache-mount'),
    );
    expect(
      await within(dialog).findByRole('heading', {
        name: 'BC1001 apt-without-cache-mount',
      }),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('cache mounts').tagName).toBe('STRONG');
  });
});
