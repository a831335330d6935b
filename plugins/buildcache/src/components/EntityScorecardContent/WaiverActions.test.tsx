import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheApiRef } from '../../api';
import {
  aptFinding,
  exportFinding,
  suppressedFinding,
} from '../../__testUtils__/fixtures';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { WaiverActions } from './WaiverActions';

const scope = {
  entityRef: 'component:default/payments-api',
  ownerRef: 'group:default/team-payments',
};

async function renderActions(
  finding: typeof aptFinding,
  api = createMockBuildcacheApi(),
) {
  const onChanged = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [buildcacheApiRef, api],
        [permissionApiRef, allowAllPermissionApi()],
      ]}
    >
      <WaiverActions finding={finding} scope={scope} onChanged={onChanged} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { api, onChanged };
}

const WAIVE_APT = 'Waive BC1001 in Dockerfile line 4…';
const REMOVE_EXPORT =
  'Remove waiver of BC2001 in .github/workflows/release.yml line 31…';

describe('WaiverActions', () => {
  it('waives a finding for the owner with a reason and an expiry', async () => {
    const user = userEvent.setup();
    const { api, onChanged } = await renderActions(aptFinding);

    await user.click(await screen.findByRole('button', { name: WAIVE_APT }));
    const waive = screen.getByRole('button', { name: 'Waive' });
    expect(waive).toBeDisabled();

    await user.click(
      screen.getByLabelText(/Every service of group:default\/team-payments/),
    );
    await user.click(screen.getByLabelText(/Only in Dockerfile/));
    await user.type(
      screen.getByLabelText(/Reason/),
      'apt is served by a local mirror',
    );
    fireEvent.change(screen.getByLabelText(/Expires on/), {
      target: { value: '2031-03-01' },
    });
    await user.click(waive);

    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.createWaiver).toHaveBeenCalledWith({
      target: 'group:default/team-payments',
      ruleId: 'BC1001',
      path: null,
      reason: 'apt is served by a local mirror',
      expiresAt: '2031-03-01T00:00:00.000Z',
    });
  });

  it('shows the backend error and keeps the dialog open', async () => {
    const user = userEvent.setup();
    const { api, onChanged } = await renderActions(aptFinding);
    api.createWaiver.mockRejectedValueOnce(
      new Error('Invalid body parameters: ruleId: unknown rule BC1001'),
    );
    await user.click(await screen.findByRole('button', { name: WAIVE_APT }));
    await user.type(screen.getByLabelText(/Reason/), 'because');
    await user.click(screen.getByRole('button', { name: 'Waive' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'unknown rule BC1001',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('offers a retry after a failed waive, which can succeed', async () => {
    const user = userEvent.setup();
    const api = createMockBuildcacheApi();
    api.createWaiver.mockRejectedValueOnce(new Error('Service Unavailable'));
    const { onChanged } = await renderActions(aptFinding, api);
    await user.click(await screen.findByRole('button', { name: WAIVE_APT }));
    await user.type(screen.getByLabelText(/Reason/), 'apt mirror');
    await user.click(screen.getByRole('button', { name: 'Waive' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Service Unavailable',
    );
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.createWaiver).toHaveBeenCalledTimes(2);
  });

  it('keeps the date label of the expiry above its field', async () => {
    const user = userEvent.setup();
    await renderActions(aptFinding);
    await user.click(await screen.findByRole('button', { name: WAIVE_APT }));
    const field = screen.getByLabelText(/Expires on/);
    expect(field).toHaveAttribute('type', 'date');
    expect(document.querySelector(`label[for="${field.id}"]`)).toHaveAttribute(
      'data-shrink',
      'true',
    );
  });

  it('names each finding in its buttons', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, createMockBuildcacheApi()],
          [permissionApiRef, allowAllPermissionApi()],
        ]}
      >
        <WaiverActions
          finding={aptFinding}
          scope={scope}
          onChanged={jest.fn()}
        />
        <WaiverActions
          finding={{ ...aptFinding, line: 9, endLine: 9 }}
          scope={scope}
          onChanged={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('button', { name: WAIVE_APT }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Waive BC1001 in Dockerfile line 9…',
      }),
    ).toBeInTheDocument();
  });

  it('shows who waived, and offers a retry when removal fails', async () => {
    const user = userEvent.setup();
    const api = createMockBuildcacheApi();
    api.deleteWaiver.mockRejectedValueOnce(new Error('Service Unavailable'));
    const { onChanged } = await renderActions(exportFinding, api);
    await user.click(
      await screen.findByRole('button', { name: REMOVE_EXPORT }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Remove this waiver?',
    });
    expect(dialog).toHaveTextContent('Waived by jane.doe');
    expect(screen.getByRole('link', { name: 'jane.doe' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane.doe',
    );
    await user.click(screen.getByRole('button', { name: 'Remove waiver' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The waiver was not removed: Service Unavailable',
    );
    expect(onChanged).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.deleteWaiver).toHaveBeenCalledTimes(2);
  });

  it('removes an existing waiver after confirmation', async () => {
    const user = userEvent.setup();
    const { api, onChanged } = await renderActions(exportFinding);
    await user.click(
      await screen.findByRole('button', { name: REMOVE_EXPORT }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Remove this waiver?',
    });
    expect(dialog).toHaveTextContent(
      `Waived because: ${exportFinding.waiver!.reason}`,
    );
    // cancelling removes nothing
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.deleteWaiver).not.toHaveBeenCalled();

    // the page is usable again once the dialog has closed
    await user.click(
      await screen.findByRole('button', { name: REMOVE_EXPORT }),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Remove waiver' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.deleteWaiver).toHaveBeenCalledWith(exportFinding.waiver!.id);
  });

  it('offers nothing for findings suppressed in the file', async () => {
    await renderActions(suppressedFinding);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
