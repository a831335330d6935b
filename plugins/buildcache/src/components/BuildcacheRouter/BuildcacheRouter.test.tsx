import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { buildcacheApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { servicesPage } from '../../__testUtils__/fixtures';
import { BuildcacheRoutes } from './BuildcacheRouter';

const mountedRoutes = {
  '/buildcache': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

// renderInTestApp is asynchronous: a test that does not wait for it can race
// the previous test's cleanup and find only the app's loading state
async function renderAt(path: string, api = createMockBuildcacheApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [buildcacheApiRef, api],
        [permissionApiRef, allowAllPermissionApi()],
      ]}
    >
      <Routes>
        <Route path="/buildcache/*" element={<BuildcacheRoutes />} />
      </Routes>
    </TestApiProvider>,
    { mountedRoutes, routeEntries: [path] },
  );
  return api;
}

describe('the rule page', () => {
  it('shows the rule docs and the services failing it, linking to their tab', async () => {
    const api = await renderAt('/buildcache/rules/BC1001');
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'BC1001 apt-without-cache-mount',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('cache mounts')).toBeInTheDocument();
    // the docs' own "# BC1001 …" heading is not repeated
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByText('Checks Dockerfiles')).toBeInTheDocument();
    // the example: the file as text and the fix as a diff, both focusable
    expect(
      screen.getByRole('region', { name: 'Example Dockerfile' }),
    ).toHaveTextContent('RUN apt-get update');
    expect(
      screen.getByText(
        'buildcache reports: apt-get update runs without a cache mount',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', {
        name: 'Fix of the BC1001 example (unified diff)',
      }),
    ).toHaveAttribute('tabindex', '0');
    expect(api.listComplianceServices).toHaveBeenCalledWith(
      expect.objectContaining({ ruleId: 'BC1001', offset: 0 }),
    );
    const first = servicesPage.items[0];
    const link = await screen.findByRole('link', {
      name: first.title ?? first.entityRef,
    });
    expect(link).toHaveAttribute(
      'href',
      `/catalog/default/component/${first.entityRef.split('/')[1]}/buildcache`,
    );
    expect(screen.getByRole('link', { name: /Compliance/ })).toHaveAttribute(
      'href',
      '/buildcache',
    );
  });

  it('says when no service fails the rule', async () => {
    await renderAt(
      '/buildcache/rules/BC2001',
      createMockBuildcacheApi({
        listComplianceServices: jest.fn(async () => ({
          items: [],
          totalCount: 0,
          offset: 0,
          limit: 10,
        })),
      }),
    );
    expect(
      await screen.findByText('No scanned service fails BC2001.'),
    ).toBeInTheDocument();
  });

  it('names an unknown rule', async () => {
    await renderAt('/buildcache/rules/BC9999');
    expect(await screen.findByText('No rule BC9999')).toBeInTheDocument();
  });

  it('offers a retry when the rules cannot be loaded', async () => {
    const listRules = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValue(
        (await createMockBuildcacheApi().listRules()) as never,
      );
    await renderAt(
      '/buildcache/rules/BC1001',
      createMockBuildcacheApi({ listRules }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Retry loading the rules' }),
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: /BC1001/ }),
    ).toBeInTheDocument();
  });
});

describe('the source view', () => {
  it('shows the file as text with the line highlighted, and links back', async () => {
    const api = createMockBuildcacheApi({
      getSourceFile: jest.fn(async (_entity, path) => ({
        path,
        text: 'FROM python:3.12\nRUN pip install <b>x</b>\nCOPY . .\n',
        url: null,
      })),
    });
    await renderAt(
      '/buildcache/source/default/component/payments-api?path=docker%2FDockerfile&line=2',
      api,
    );
    const listing = await screen.findByRole('region', {
      name: 'docker/Dockerfile, line 2',
    });
    expect(api.getSourceFile).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'payments-api' },
      'docker/Dockerfile',
    );
    // repository text stays text
    expect(
      within(listing).getByText('RUN pip install <b>x</b>'),
    ).toBeInTheDocument();
    expect(listing.querySelector('b')).toBeNull();
    expect(listing.querySelector('[data-current]')?.textContent).toBe(
      '2RUN pip install <b>x</b>',
    );
    expect(listing).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('link', { name: /payments-api/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/buildcache',
    );
  });

  it('reports a file it may not read, with a retry', async () => {
    const getSourceFile = jest
      .fn()
      .mockRejectedValue(new Error('x is not a file buildcache analyzed'));
    await renderAt(
      '/buildcache/source/default/component/payments-api?path=x',
      createMockBuildcacheApi({ getSourceFile }),
    );
    expect(
      (await screen.findAllByText(/x is not a file buildcache analyzed/))[0],
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Retry loading the file' }),
    );
    await waitFor(() => expect(getSourceFile).toHaveBeenCalledTimes(2));
  });
});
