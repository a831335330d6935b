import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  permissionApiRef,
  type PermissionApi,
} from '@backstage/plugin-permission-react';
import {
  allowAllPermissionApi,
  denyAllPermissionApi,
} from '../../__testUtils__/permissionApis';
import { ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import { buildcacheApiRef, type BuildcacheApi } from '../../api';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import {
  neverScanned,
  notApplicable,
  paymentsEntity,
  scorecard,
} from '../../__testUtils__/fixtures';
import { EntityBuildcacheCard } from './EntityBuildcacheCard';

function renderCard(
  api: BuildcacheApi,
  permissionApi: PermissionApi = allowAllPermissionApi(),
  entity: Entity = paymentsEntity,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [buildcacheApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityBuildcacheCard pollIntervalMs={1} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityBuildcacheCard', () => {
  it('shows score, level, counts, scan time and a link to the tab', async () => {
    const api = createMockBuildcacheApi();
    await renderCard(api);

    expect(await screen.findByText('84')).toBeInTheDocument();
    expect(screen.getByText('Silver')).toBeInTheDocument();
    expect(screen.getByText('2 warnings')).toBeInTheDocument();
    expect(screen.getByText('0 errors')).toBeInTheDocument();
    expect(screen.getByText('2 hours ago')).toBeInTheDocument();
    expect(
      screen.getByText('1 new since the previous scan'),
    ).toBeInTheDocument();
    expect(screen.getByText('View findings').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/buildcache',
    );
    expect(api.getScorecard).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
  });

  it('shows a progress bar while loading', async () => {
    const api = createMockBuildcacheApi({
      getScorecard: jest.fn(() => new Promise(() => {})),
    });
    await renderCard(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No such entity' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    const api = createMockBuildcacheApi({
      getScorecard: jest.fn(async () => {
        throw error;
      }),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/Could not load the BuildKit cache scorecard/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/No such entity/).length).toBeGreaterThan(0);
  });

  it('tells when a service was never scanned and offers a first scan', async () => {
    const api = createMockBuildcacheApi({
      getScorecard: jest.fn(async () => neverScanned),
    });
    await renderCard(api);
    expect(
      await screen.findByText('This service has not been scanned yet.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Scan now' }),
    ).toBeInTheDocument();
  });

  it('explains NotApplicable instead of showing a score', async () => {
    const api = createMockBuildcacheApi({
      getScorecard: jest.fn(async () => notApplicable),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/no Dockerfile and no image build/),
    ).toBeInTheDocument();
    expect(screen.queryByText('84')).not.toBeInTheDocument();
  });

  it('flags a stale result with the scan error', async () => {
    const api = createMockBuildcacheApi({
      getScorecard: jest.fn(async () => ({
        ...scorecard,
        stale: true,
        lastScan: {
          ...scorecard.lastScan!,
          status: 'failed' as const,
          error: 'repository not reachable: 403',
        },
      })),
    });
    await renderCard(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The last scan failed; showing the last good result. Error: repository not reachable: 403',
    );
  });

  it('rescans, polls until done and reloads the scorecard', async () => {
    const api = createMockBuildcacheApi();
    api.getScan
      .mockResolvedValueOnce({
        id: 'scan-42',
        entityRef: scorecard.entityRef,
        status: 'running',
        startedAt: '2030-01-01T10:00:00.000Z',
        finishedAt: null,
        error: null,
      })
      .mockResolvedValueOnce({
        id: 'scan-42',
        entityRef: scorecard.entityRef,
        status: 'succeeded',
        startedAt: '2030-01-01T10:00:00.000Z',
        finishedAt: '2030-01-01T10:00:05.000Z',
        error: null,
      });
    api.getScorecard
      .mockResolvedValueOnce(scorecard)
      .mockResolvedValueOnce({ ...scorecard, score: 92, level: 'Gold' });
    await renderCard(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan' }),
    );

    expect(await screen.findByText('Scan finished.')).toBeInTheDocument();
    expect(await screen.findByText('Gold')).toBeInTheDocument();
    expect(api.requestScan).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
    expect(api.getScan).toHaveBeenCalledTimes(2);
    expect(api.getScorecard).toHaveBeenCalledTimes(2);
  });

  it('reports a failed scan with its error', async () => {
    const api = createMockBuildcacheApi();
    api.getScan.mockResolvedValue({
      id: 'scan-42',
      entityRef: scorecard.entityRef,
      status: 'failed',
      startedAt: '2030-01-01T10:00:00.000Z',
      finishedAt: '2030-01-01T10:00:05.000Z',
      error: 'clone timed out',
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan' }),
    );
    expect(
      await screen.findByText('Scan failed: clone timed out'),
    ).toBeInTheDocument();
  });

  it('hides Rescan when the permission is denied', async () => {
    const api = createMockBuildcacheApi();
    // usePermission caches answers per (permission, resourceRef) in SWR's
    // module-wide cache, so this test uses an entity no other test asked about.
    await renderCard(api, denyAllPermissionApi(), {
      ...paymentsEntity,
      metadata: { name: 'locked-down', namespace: 'default' },
    });
    expect(await screen.findByText('84')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Rescan' }),
      ).not.toBeInTheDocument(),
    );
  });
});
