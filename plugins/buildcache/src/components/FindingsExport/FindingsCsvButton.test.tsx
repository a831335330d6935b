import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { buildcacheApiRef } from '../../api';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import { FindingsCsvButton } from './FindingsCsvButton';

describe('FindingsCsvButton', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:buildcache-findings');
  const revokeObjectURL = jest.fn();
  const downloads: string[] = [];
  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    createObjectURL.mockClear();
    downloads.length = 0;
    // jsdom cannot navigate: record the file name the download would use
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        downloads.push(this.download);
      });
  });
  afterEach(() => jest.restoreAllMocks());

  async function renderButton(api = createMockBuildcacheApi()) {
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [buildcacheApiRef, api],
          [alertApiRef, alertApi],
        ]}
      >
        <FindingsCsvButton
          filter={{ owner: 'group:default/team-payments', ruleId: 'BC1001' }}
        />
      </TestApiProvider>,
    );
    return { api, alertApi };
  }

  it('downloads the findings of the filtered services', async () => {
    const { api } = await renderButton();
    await userEvent.click(
      screen.getByRole('button', { name: 'Export findings as CSV' }),
    );
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(api.exportFindingsCsv).toHaveBeenCalledWith({
      owner: 'group:default/team-payments',
      ruleId: 'BC1001',
    });
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:buildcache-findings');
    expect(downloads).toEqual([
      expect.stringMatching(/^buildcache-findings-\d{4}-\d{2}-\d{2}\.csv$/),
    ]);
    expect(screen.getByRole('button')).toBeEnabled();
  });

  it('reports a failed export and can be tried again', async () => {
    const api = createMockBuildcacheApi();
    api.exportFindingsCsv.mockRejectedValueOnce(new Error('backend down'));
    const { alertApi } = await renderButton(api);
    const button = screen.getByRole('button', {
      name: 'Export findings as CSV',
    });
    await userEvent.click(button);
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: 'Findings export failed: backend down',
        severity: 'error',
      }),
    );
    expect(button).toBeEnabled();
    await userEvent.click(button);
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
  });
});
