import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { buildcacheApiRef, BuildcacheClient } from '../../api';
import {
  rules,
  servicesPage,
  summary,
  summaryByOwner,
} from '../../__testUtils__/fixtures';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { CompliancePage } from './CompliancePage';

const base = 'http://backstage.test/api/buildcache';

function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location-search">{location.search}</div>;
}

describe('CompliancePage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let serviceRequests: URLSearchParams[];
  let summaryRequests: URLSearchParams[];

  beforeEach(() => {
    serviceRequests = [];
    summaryRequests = [];
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
        return HttpResponse.json(
          params.get('groupBy') === 'owner' ? summaryByOwner : summary,
        );
      }),
      http.get(`${base}/v1/compliance/facets`, () =>
        HttpResponse.json({
          owners: summaryByOwner.groups.map(g => g.key),
          systems: ['system:default/payments'],
          ruleIds: ['BC1001', 'BC2001'],
        }),
      ),
      http.get(`${base}/v1/rules`, () => HttpResponse.json({ items: rules })),
    );
  });

  const lastServicesQuery = () =>
    Object.fromEntries(serviceRequests[serviceRequests.length - 1]);

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
        ]}
      >
        <CompliancePage />
        <LocationProbe />
      </TestApiProvider>,
      {
        routeEntries: [path],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
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
    expect(
      await screen.findByRole('button', { name: /team-search/ }),
    ).toBeInTheDocument();
  });

  it('changing the level filter updates the request and the URL, back to page 0', async () => {
    await renderPage('/buildcache?page=2');
    await screen.findByRole('link', { name: 'Payments API' });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Any level/ }));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('Bronze'));

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
      await within(screen.getByRole('listbox')).findByText('team-payments'),
    );

    await waitFor(() =>
      expect(lastServicesQuery().owner).toBe('group:default/team-payments'),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?owner=group%3Adefault%2Fteam-payments',
    );
    // the choices come from the facets: the summary is read once, ungrouped
    expect(summaryRequests.map(p => p.get('groupBy'))).toEqual([null]);
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
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

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

    fireEvent.mouseDown(screen.getByRole('button', { name: /No grouping/ }));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('Owner'));

    expect(await screen.findByText('Services by owner')).toBeInTheDocument();
    expect(summaryRequests[summaryRequests.length - 1].get('groupBy')).toBe(
      'owner',
    );
    expect(await screen.findByText('88.0')).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Show services of group:default/team-search',
      }),
    );
    await waitFor(() =>
      expect(lastServicesQuery().owner).toBe('group:default/team-search'),
    );
    expect(screen.getByTestId('location-search')).toHaveTextContent(
      '?owner=group%3Adefault%2Fteam-search',
    );
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
