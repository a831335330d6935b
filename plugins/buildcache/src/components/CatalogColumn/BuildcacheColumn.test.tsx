import { screen, waitFor } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheApiRef } from '../../api';
import { servicesPage } from '../../__testUtils__/fixtures';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { createBuildcacheColumn } from './BuildcacheColumn';
import { serviceLevels } from './serviceLevels';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
});

const rows = [
  { entity: entity('Component', 'Payments-API') },
  { entity: entity('Component', 'search-indexer') },
  { entity: entity('Component', 'not-tracked') },
  { entity: entity('API', 'payments') },
];

async function renderTable(api = createMockBuildcacheApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[buildcacheApiRef, api]]}>
      <Table
        title="Components"
        data={rows}
        columns={[
          { title: 'Name', field: 'entity.metadata.name' },
          createBuildcacheColumn(),
        ]}
      />
    </TestApiProvider>,
  );
  return api;
}

describe('createBuildcacheColumn', () => {
  it('shows level and score of each component from one shared request', async () => {
    const api = await renderTable();
    expect(
      await screen.findByRole('columnheader', { name: 'BuildKit cache' }),
    ).toBeInTheDocument();
    const payments = (await screen.findByText('Payments-API')).closest('tr')!;
    await waitFor(() => expect(payments).toHaveTextContent('Silver84/100'));
    expect(screen.getByText('search-indexer').closest('tr')).toHaveTextContent(
      'Bronze44/100',
    );
    expect(screen.getByText('not-tracked').closest('tr')).toHaveTextContent(
      'Not scanned',
    );
    const apiRow = screen.getByText('payments').closest('tr')!;
    expect(apiRow).not.toHaveTextContent(/scanned|Silver|Bronze/);
    expect(api.listComplianceServices).toHaveBeenCalledTimes(1);
    expect(api.listComplianceServices).toHaveBeenCalledWith({
      orderBy: 'name',
      order: 'asc',
      offset: 0,
      limit: 500,
    });
  });

  it('leaves the cells empty when the levels cannot be read', async () => {
    const api = createMockBuildcacheApi();
    api.listComplianceServices.mockRejectedValue(new Error('Forbidden'));
    await renderTable(api);
    await screen.findByText('Payments-API');
    await waitFor(() => expect(api.listComplianceServices).toHaveBeenCalled());
    expect(screen.queryByText(/Not scanned|Silver/)).not.toBeInTheDocument();
  });
});

describe('serviceLevels', () => {
  it('reads every page once, reuses it for a minute, and retries after a failure', async () => {
    const api = createMockBuildcacheApi();
    const item = servicesPage.items[0];
    api.listComplianceServices.mockImplementation(async query => ({
      items: [{ ...item, entityRef: `component:default/s${query!.offset}` }],
      totalCount: 1200,
      offset: query!.offset!,
      limit: query!.limit!,
    }));
    const levels = await serviceLevels(api, 0);
    expect([...levels.keys()]).toEqual([
      'component:default/s0',
      'component:default/s500',
      'component:default/s1000',
    ]);
    expect(await serviceLevels(api, 59_000)).toBe(levels);
    expect(api.listComplianceServices).toHaveBeenCalledTimes(3);

    const failing = createMockBuildcacheApi();
    failing.listComplianceServices.mockRejectedValueOnce(new Error('down'));
    await expect(serviceLevels(failing, 0)).rejects.toThrow('down');
    await expect(serviceLevels(failing, 1)).resolves.toBeInstanceOf(Map);
  });
});
