import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

async function renderActions(finding: typeof aptFinding) {
  const api = createMockBuildcacheApi();
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
  );
  return { api, onChanged };
}

describe('WaiverActions', () => {
  it('waives a finding for the owner with a reason and an expiry', async () => {
    const user = userEvent.setup();
    const { api, onChanged } = await renderActions(aptFinding);

    await user.click(await screen.findByRole('button', { name: 'Waive…' }));
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
    await user.click(await screen.findByRole('button', { name: 'Waive…' }));
    await user.type(screen.getByLabelText(/Reason/), 'because');
    await user.click(screen.getByRole('button', { name: 'Waive' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'unknown rule BC1001',
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('removes an existing waiver after confirmation', async () => {
    const user = userEvent.setup();
    const { api, onChanged } = await renderActions(exportFinding);
    await user.click(
      await screen.findByRole('button', { name: 'Remove waiver…' }),
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
      await screen.findByRole('button', { name: 'Remove waiver…' }),
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
