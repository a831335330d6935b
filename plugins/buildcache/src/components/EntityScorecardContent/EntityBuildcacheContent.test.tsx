import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { buildcacheApiRef, type BuildcacheApi } from '../../api';
import { createMockBuildcacheApi } from '../../__testUtils__/mockBuildcacheApi';
import {
  aptFinding,
  neverScanned,
  notApplicable,
  paymentsEntity,
  scorecard,
} from '../../__testUtils__/fixtures';
import { EntityBuildcacheContent } from './EntityBuildcacheContent';

function renderContent(api: BuildcacheApi) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [buildcacheApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={paymentsEntity}>
        <EntityBuildcacheContent pollIntervalMs={1} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityBuildcacheContent', () => {
  it('marks new findings and filters the list by severity, exemption and newness', async () => {
    await renderContent(createMockBuildcacheApi());
    const apt = await screen.findByTestId('finding-BC1001-4');
    expect(within(apt).getByText('New')).toBeInTheDocument();
    expect(screen.getByText('3 findings')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Only new since the previous scan',
      }),
    );
    expect(screen.getByText('Showing 1 of 3 findings')).toBeInTheDocument();
    expect(screen.queryByTestId('finding-BC2001-31')).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Show waived and suppressed' }),
    );
    // the waived and the suppressed finding are hidden; the apt one stays
    expect(screen.getByTestId('finding-BC1001-4')).toBeInTheDocument();
    expect(screen.getByText(/^Showing 1 of 3 findings/)).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /Severity/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'error' }));
    expect(
      screen.getByText('No finding matches these filters.'),
    ).toBeInTheDocument();
  });

  it('groups findings by file with rule, severity, line link and rationale', async () => {
    const api = createMockBuildcacheApi();
    await renderContent(api);

    const dockerfileCard = (
      await screen.findByRole('link', { name: /^Dockerfile/ })
    ).closest('.MuiCard-root') as HTMLElement;
    expect(dockerfileCard).toHaveTextContent(
      '2 findings, 1 counting towards the score',
    );
    const apt = within(dockerfileCard).getByTestId('finding-BC1001-4');
    expect(apt).toHaveTextContent('BC1001 apt-without-cache-mount');
    expect(apt).toHaveTextContent('warning');
    expect(apt).toHaveTextContent(aptFinding.message);
    expect(apt).toHaveTextContent(
      'Why it matters: Without cache mounts every build downloads',
    );
    expect(within(apt).getByRole('link', { name: /line 4/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/payments-api/blob/abc123/Dockerfile#L4',
    );

    // The workflow file has no URL: its name and the finding line are text.
    expect(
      screen.getByText('.github/workflows/release.yml'),
    ).toBeInTheDocument();
    expect(screen.getByText('line 31–38')).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenCalledWith(
      'component:default/payments-api',
      {
        limit: 90,
      },
    );
    expect(
      await screen.findByText(
        /2 scans and 1 waiver change since 2029-12-01; latest score 84/,
      ),
    ).toBeInTheDocument();
  });

  it('shows waived and suppressed findings with reason and expiry', async () => {
    await renderContent(createMockBuildcacheApi());
    const waived = await screen.findByTestId('finding-BC2001-31');
    expect(waived).toHaveTextContent('Waived');
    expect(waived).toHaveTextContent(
      'migrating to the shared builder in Q3 — expires 2031-09-30 — Waived by',
    );
    const suppressed = screen.getByTestId('finding-BC1010-1');
    expect(suppressed).toHaveTextContent('Suppressed');
    expect(suppressed).toHaveTextContent('the build image pins the frontend');
  });

  it('renders the fix as a coloured diff and copies it', async () => {
    const user = userEvent.setup();
    await renderContent(createMockBuildcacheApi());
    const diff = await screen.findByLabelText('Suggested fix (unified diff)');
    const added = diff.querySelectorAll('[data-diff-line="added"]');
    const removed = diff.querySelectorAll('[data-diff-line="removed"]');
    expect(added).toHaveLength(3);
    expect(removed).toHaveLength(1);
    expect(removed[0]).toHaveTextContent(
      '-RUN apt-get update && apt-get install -y curl',
    );

    // userEvent.setup() installs a clipboard stub; spy on it.
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(
      screen.getByRole('button', { name: 'Copy fix to clipboard' }),
    );
    expect(writeText).toHaveBeenCalledWith(aptFinding.fix!.diff);
    expect(await screen.findByText('Copied')).toBeInTheDocument();
  });

  it('offers all fixes of a file as one patch to show, copy and download', async () => {
    const user = userEvent.setup();
    await renderContent(createMockBuildcacheApi());
    const combined = scorecard.files[0].combinedFix!;
    const toggle = await screen.findByRole('button', {
      name: 'Fix all in this file (2 fixes): Dockerfile',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // only the Dockerfile has one
    expect(
      screen.getAllByRole('button', { name: /Fix all in this file/ }),
    ).toHaveLength(1);

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const diff = screen.getByLabelText(
      'All fixes of Dockerfile (unified diff)',
    );
    expect(diff.querySelectorAll('[data-diff-line="added"]')).toHaveLength(2);

    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(
      screen.getByRole('button', { name: 'Copy all fixes of Dockerfile' }),
    );
    expect(writeText).toHaveBeenCalledWith(combined.diff);

    const createObjectURL = jest.fn((_blob: Blob) => 'blob:buildcache-patch');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    await user.click(
      screen.getByRole('button', {
        name: 'Download .patch of the fixes of Dockerfile',
      }),
    );
    click.mockRestore();
    expect(clicked[0].download).toBe('Dockerfile.buildcache.patch');
    await expect(createObjectURL.mock.calls[0][0].text()).resolves.toBe(
      combined.diff,
    );
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:buildcache-patch');
  });

  it('renders repository content as text, never as HTML', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const api = createMockBuildcacheApi({
      getScorecard: jest.fn(async () => ({
        ...scorecard,
        findings: [
          {
            ...aptFinding,
            message: hostile,
            path: '<b>Dockerfile</b>',
            fix: { description: hostile, diff: `+${hostile}` },
          },
        ],
      })),
    });
    const { container } = await renderContent(api);

    expect(await screen.findByText(hostile)).toBeInTheDocument();
    expect(screen.getByText('<b>Dockerfile</b>')).toBeInTheDocument();
    expect(screen.getByText(`+${hostile}`)).toBeInTheDocument();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
  });

  it('explains what buildcache looks for when the level is NotApplicable', async () => {
    await renderContent(
      createMockBuildcacheApi({
        getScorecard: jest.fn(async () => notApplicable),
      }),
    );
    expect(
      await screen.findByText('No Docker builds found'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/buildcache reads the repository's Dockerfiles/),
    ).toBeInTheDocument();
  });

  it('has an empty state when there are no findings', async () => {
    await renderContent(
      createMockBuildcacheApi({
        getScorecard: jest.fn(async () => ({
          ...scorecard,
          score: 100,
          level: 'Gold' as const,
          findings: [],
          counts: { error: 0, warning: 0, info: 0 },
        })),
      }),
    );
    expect(await screen.findByText('No findings')).toBeInTheDocument();
  });

  it('has a never-scanned state with a first scan button', async () => {
    await renderContent(
      createMockBuildcacheApi({
        getScorecard: jest.fn(async () => neverScanned),
      }),
    );
    expect(await screen.findByText('Not scanned yet')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Scan now' }),
    ).toBeInTheDocument();
  });

  it('shows loading, then an error panel when the scorecard fails', async () => {
    let fail: (e: Error) => void = () => {};
    const api = createMockBuildcacheApi({
      getScorecard: jest.fn(
        () =>
          new Promise((_, reject) => {
            fail = reject;
          }),
      ),
    });
    await renderContent(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    fail(new Error('backend unavailable'));
    expect(
      await screen.findByText(/Could not load the BuildKit cache scorecard/),
    ).toBeInTheDocument();
  });

  it('still lists findings when rules cannot be loaded', async () => {
    await renderContent(
      createMockBuildcacheApi({
        listRules: jest.fn(async () => {
          throw new Error('rules down');
        }),
      }),
    );
    expect(await screen.findByText(aptFinding.message)).toBeInTheDocument();
    expect(
      await screen.findByText('Rule explanations are unavailable: rules down'),
    ).toBeInTheDocument();
  });
});
