import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheApiRef } from '../../api';
import { waivers } from '../../__testUtils__/fixtures';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { rootRouteRef } from '../../routes';
import { WaiversContent } from './WaiversContent';
import { WaiversLinkButton } from './WaiversLinkButton';

const NOW = new Date('2030-01-10T12:00:00.000Z');

async function renderPage(
  api = createMockBuildcacheApi(),
  path = '/buildcache/waivers',
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [buildcacheApiRef, api],
        [permissionApiRef, allowAllPermissionApi()],
      ]}
    >
      <WaiversContent now={NOW} />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

const rows = () => screen.getAllByRole('row').slice(1);
const rules = () =>
  rows().map(row => within(row).getAllByRole('cell')[1].textContent);

describe('WaiversContent', () => {
  it('lists current waivers with target, rule, reason, author and expiry', async () => {
    await renderPage();
    expect(await screen.findByText('2 of 3 waivers')).toBeInTheDocument();
    // the expired one is hidden until asked for
    expect(rules()).toEqual(['BC2001', 'BC1010']);
    const [soon, forever] = rows();
    expect(
      within(soon).getByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(soon).toHaveTextContent('.github/workflows/release.yml');
    expect(soon).toHaveTextContent('migrating to the shared builder in Q3');
    expect(
      within(soon).getByRole('link', { name: 'jane.doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane.doe');
    expect(soon).toHaveTextContent('2030-01-02');
    expect(soon).toHaveTextContent('2030-01-20in 10 days');
    expect(forever).toHaveTextContent('Every service');
    expect(forever).toHaveTextContent('Every file');
    expect(forever).toHaveTextContent('Never');
  });

  it('filters by expiry, target and rule, and clears the filters', async () => {
    const user = userEvent.setup();
    await renderPage();
    await screen.findByText('2 of 3 waivers');

    await user.click(screen.getByLabelText('Show expired'));
    expect(rules()).toEqual(['BC2001', 'BC1001', 'BC1010']);
    expect(rows()[1]).toHaveTextContent('Expired');

    await user.click(screen.getByLabelText('Expiring within 30 days'));
    expect(rules()).toEqual(['BC2001']);
    await user.click(screen.getByLabelText('Expiring within 30 days'));

    await user.click(screen.getByLabelText('Target'));
    await user.click(
      screen.getByRole('option', { name: 'group:default/team-search' }),
    );
    expect(rules()).toEqual(['BC1001']);

    await user.click(screen.getByLabelText('Rule'));
    await user.click(screen.getByRole('option', { name: 'BC1010' }));
    expect(screen.getByText('No waiver matches these filters.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rules()).toEqual(['BC2001', 'BC1010']);
  });

  it('reads its filters from the URL', async () => {
    await renderPage(
      createMockBuildcacheApi(),
      '/buildcache/waivers?ruleId=BC1001&expired=show',
    );
    expect(await screen.findByText('1 of 3 waivers')).toBeInTheDocument();
    expect(rules()).toEqual(['BC1001']);
  });

  it('shows a loading state, then an error with a retry', async () => {
    const user = userEvent.setup();
    const api = createMockBuildcacheApi();
    let fail: (e: Error) => void = () => {};
    api.listWaivers.mockImplementationOnce(
      () => new Promise((_, reject) => (fail = reject)),
    );
    await renderPage(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    fail(new Error('Service Unavailable'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Waivers could not be loaded: Service Unavailable',
    );
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('2 of 3 waivers')).toBeInTheDocument();
    expect(api.listWaivers).toHaveBeenCalledTimes(2);
  });

  it('says when there is no waiver at all', async () => {
    const api = createMockBuildcacheApi();
    api.listWaivers.mockResolvedValue([]);
    await renderPage(api);
    expect(await screen.findByText(/^No waivers\./)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('removes a waiver after confirmation, retrying after a failure', async () => {
    const user = userEvent.setup();
    const api = createMockBuildcacheApi();
    api.deleteWaiver.mockRejectedValueOnce(new Error('Service Unavailable'));
    await renderPage(api);
    const remove = await screen.findByRole('button', {
      name: 'Remove waiver of BC2001 for component:default/payments-api in .github/workflows/release.yml…',
    });
    await user.click(remove);
    const dialog = screen.getByRole('dialog', { name: 'Remove this waiver?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.deleteWaiver).not.toHaveBeenCalled();

    await user.click(remove);
    await user.click(screen.getByRole('button', { name: 'Remove waiver' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The waiver was not removed: Service Unavailable',
    );
    api.listWaivers.mockResolvedValue(waivers.slice(1));
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.deleteWaiver).toHaveBeenCalledWith(waivers[0].id);
    expect(await screen.findByText('1 of 2 waivers')).toBeInTheDocument();
  });
});

describe('WaiversLinkButton', () => {
  it('links to the waivers page under the plugin root', async () => {
    await renderInTestApp(<WaiversLinkButton />, {
      mountedRoutes: { '/buildcache': rootRouteRef },
    });
    expect(screen.getByRole('link', { name: 'Waivers' })).toHaveAttribute(
      'href',
      '/buildcache/waivers',
    );
  });
});
