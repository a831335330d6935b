import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  Scorecard,
  ScorecardFinding,
  Ticket,
  TicketResult,
} from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef, BuildcacheClient } from '../../api';
import {
  aptFinding,
  history,
  paymentsEntity,
  rules,
  scorecard,
} from '../../__testUtils__/fixtures';
import {
  issuePreview,
  issueTicket,
  pullRequestPreview,
  pullRequestTicket,
} from '../../__testUtils__/ticketFixtures';
import { allowAllPermissionApi } from '../../__testUtils__/permissionApis';
import { EntityBuildcacheContent } from '../EntityScorecardContent';

const base = 'http://backstage.test/api/buildcache';
const entityPath = `${base}/v1/entities/component/default/payments-api`;

/** A second open finding, in a file without a combined fix. */
const pushFinding: ScorecardFinding = {
  ruleId: 'BC2002',
  severity: 'warning',
  message: 'The build pushes without --cache-to',
  path: '.github/workflows/release.yml',
  line: 40,
  column: 9,
  endLine: 40,
  endColumn: 30,
  suppressed: false,
  newSinceLastScan: false,
  fix: null,
  url: null,
  waiver: null,
};

const withTwoOpenFindings: Scorecard = {
  ...scorecard,
  findings: [...scorecard.findings, pushFinding],
};

function backendError(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

describe('tickets and fix pull requests on the scorecard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let tickets: Ticket[];
  let ticketLists: number;
  let listedFor: Array<string | null>;
  let posted: unknown[];

  beforeEach(() => {
    tickets = [];
    ticketLists = 0;
    listedFor = [];
    posted = [];
    server.use(
      http.get(`${entityPath}/scorecard`, () =>
        HttpResponse.json(withTwoOpenFindings),
      ),
      http.get(`${entityPath}/history`, () =>
        HttpResponse.json({ items: history }),
      ),
      http.get(`${base}/v1/rules`, () => HttpResponse.json({ items: rules })),
      http.get(`${base}/v1/tickets`, ({ request }) => {
        listedFor.push(new URL(request.url).searchParams.get('entityRef'));
        ticketLists++;
        return HttpResponse.json({ items: tickets });
      }),
    );
  });

  /** Answers ticket requests: `dryRun` ones with `preview`, others with `filed`. */
  function answerTickets(
    preview: TicketResult | (() => Response),
    filed: (() => Response) | { result: TicketResult; status: number },
  ) {
    server.use(
      http.post(`${entityPath}/tickets`, async ({ request }) => {
        const body = (await request.json()) as { dryRun?: boolean };
        posted.push(body);
        if (body.dryRun) {
          return typeof preview === 'function'
            ? preview()
            : HttpResponse.json(preview);
        }
        if (typeof filed === 'function') return filed();
        tickets = filed.result.tickets;
        return HttpResponse.json(filed.result, { status: filed.status });
      }),
    );
  }

  function renderContent() {
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
        <EntityProvider entity={paymentsEntity}>
          <EntityBuildcacheContent pollIntervalMs={1} />
        </EntityProvider>
      </TestApiProvider>,
      // the waived finding links to its author's catalog page
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  }

  it('files an issue: choose findings, preview as plain text, submit, link to it', async () => {
    const user = userEvent.setup();
    const hostileBody = `${
      issuePreview.preview!.body
    }\n<img src=x onerror=alert(1)>`;
    answerTickets(
      {
        ...issuePreview,
        preview: { ...issuePreview.preview!, body: hostileBody },
      },
      {
        result: { ...issuePreview, outcome: 'created', tickets: [issueTicket] },
        status: 201,
      },
    );
    await renderContent();

    await user.click(
      await screen.findByRole('button', { name: 'Create ticket' }),
    );
    const dialog = await screen.findByRole('dialog', { name: /Create ticket/ });
    // open findings only: not the waived BC2001 nor the suppressed BC1010
    const apt = within(dialog).getByRole('checkbox', {
      name: /BC1001 apt-without-cache-mount — Dockerfile:4/,
    });
    const push = within(dialog).getByRole('checkbox', {
      name: /BC2002 — \.github\/workflows\/release\.yml:40/,
    });
    expect(within(dialog).getAllByRole('checkbox')).toHaveLength(3); // + all
    expect(apt).toBeChecked();
    await user.click(push);
    expect(push).not.toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));

    expect(await within(dialog).findByText(/step 2 of 3/)).toBeInTheDocument();
    expect(posted[0]).toEqual({
      kind: 'issue',
      findings: [{ ruleId: 'BC1001', path: 'Dockerfile' }],
      dryRun: true,
    });
    expect(
      within(dialog).getByText('github:github.com/acme/payments-api'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(issuePreview.preview!.title),
    ).toBeInTheDocument();
    const body = within(dialog).getByLabelText('Body (Markdown, as sent)');
    expect(body.tagName).toBe('PRE');
    expect(body.textContent).toBe(hostileBody);
    expect(document.querySelector('img[src="x"]')).toBeNull();

    const listsBefore = ticketLists;
    await user.click(
      within(dialog).getByRole('button', { name: 'Create issue' }),
    );
    const link = await within(dialog).findByRole('link', { name: /Issue #12/ });
    expect(link).toHaveAttribute('href', issueTicket.url);
    expect(link).toHaveAttribute('target', '_blank');
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      /^Created Issue #12.*: BuildKit cache: apt-without-cache-mount in Dockerfile$/,
    );
    expect(posted[1]).toEqual({
      kind: 'issue',
      findings: [{ ruleId: 'BC1001', path: 'Dockerfile' }],
      dryRun: false,
    });

    // the list of tickets was reloaded: the new one shows beside its finding
    await waitFor(() => expect(ticketLists).toBeGreaterThan(listsBefore));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      await within(screen.getByTestId('finding-BC1001-4')).findByRole('link', {
        name: 'Issue #12 · open, for BC1001 at Dockerfile line 4 (opens in a new tab)',
      }),
    ).toHaveAttribute('href', issueTicket.url);
  });

  it('opens a fix pull request whose preview shows the combined patch', async () => {
    const user = userEvent.setup();
    answerTickets(pullRequestPreview, {
      result: {
        ...pullRequestPreview,
        outcome: 'created',
        tickets: [{ ...pullRequestTicket, state: 'open' }],
      },
      status: 201,
    });
    await renderContent();

    await user.click(
      await screen.findByRole('button', { name: 'Open fix PR' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: /Open fix pull request/,
    });
    // only findings of files with a combined fix, and what a PR commits
    expect(
      within(dialog).getByRole('checkbox', { name: /BC1001.*Dockerfile:4/ }),
    ).toBeChecked();
    expect(
      within(dialog).queryByRole('checkbox', { name: /BC2002/ }),
    ).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      "Choosing any finding here commits this file's whole combined fix (2 fixes).",
    );

    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    const patch = await within(dialog).findByLabelText(
      'Patch the pull request commits (unified diff)',
    );
    expect(patch.querySelectorAll('[data-diff-line="added"]')).toHaveLength(2);
    expect(patch).toHaveTextContent(
      '+RUN --mount=type=cache,target=/root/.npm npm ci',
    );
    expect(posted[0]).toEqual({
      kind: 'pull-request',
      findings: [{ ruleId: 'BC1001', path: 'Dockerfile' }],
      dryRun: true,
    });

    await user.click(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    );
    expect(
      await within(dialog).findByRole('link', { name: /PR #7/ }),
    ).toHaveAttribute('href', pullRequestTicket.url);
  });

  it("shows the backend's message in the dialog and keeps it open", async () => {
    const user = userEvent.setup();
    answerTickets(issuePreview, () =>
      backendError(
        409,
        'ConflictError',
        'Dockerfile changed since the scan; rescan the service, then try again',
      ),
    );
    await renderContent();
    await user.click(
      await screen.findByRole('button', { name: 'Create ticket' }),
    );
    const dialog = await screen.findByRole('dialog', { name: /Create ticket/ });
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await user.click(
      await within(dialog).findByRole('button', { name: 'Create issue' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Dockerfile changed since the scan; rescan the service, then try again',
    );
    // still on the preview, ready to try again; going back keeps the choice
    expect(
      within(dialog).getByRole('button', { name: 'Create issue' }),
    ).toBeEnabled();
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(
      within(dialog).getByRole('checkbox', { name: /BC1001/ }),
    ).toBeChecked();
  });

  it('shows a refused preview and which existing ticket a preview would update', async () => {
    const user = userEvent.setup();
    let refuse = true;
    answerTickets(
      () =>
        refuse
          ? backendError(
              400,
              'InputError',
              'No fix of BC1001 in Dockerfile can be applied mechanically, so there is nothing to put in a pull request; file an issue instead',
            )
          : HttpResponse.json({
              outcome: 'would-update',
              tickets: [issueTicket],
              preview: null,
            }),
      {
        result: { outcome: 'updated', tickets: [issueTicket], preview: null },
        status: 200,
      },
    );
    await renderContent();
    await user.click(
      await screen.findByRole('button', { name: 'Create ticket' }),
    );
    const dialog = await screen.findByRole('dialog', { name: /Create ticket/ });
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /^No fix of BC1001 in Dockerfile can be applied mechanically/,
    );

    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(
      await within(dialog).findByText(/These findings are already filed/),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', { name: /Issue #12/ }),
    ).toHaveAttribute('href', issueTicket.url);

    await user.click(
      within(dialog).getByRole('button', { name: 'Update the open ticket' }),
    );
    expect(
      await within(dialog).findByText(/the open issue was updated/),
    ).toBeInTheDocument();
  });

  it('shows ticket chips beside the findings they cover', async () => {
    tickets = [
      issueTicket,
      pullRequestTicket,
      {
        ...issueTicket,
        id: 'closed-1',
        externalId: '3',
        state: 'closed',
        url: 'https://github.com/acme/payments-api/issues/3',
      },
    ];
    await renderContent();
    const apt = await screen.findByTestId('finding-BC1001-4');
    const issue = await within(apt).findByRole('link', {
      name: 'Issue #12 · open, for BC1001 at Dockerfile line 4 (opens in a new tab)',
    });
    expect(issue).toHaveAttribute('href', issueTicket.url);
    expect(issue).toHaveAttribute('target', '_blank');
    expect(listedFor).toEqual(['component:default/payments-api']);
    expect(
      within(apt).getByRole('link', { name: /^Fixed by PR #7, for BC1001/ }),
    ).toHaveAttribute('href', pullRequestTicket.url);
    expect(
      within(apt).getByRole('link', { name: /^Issue #3 · closed, for BC1001/ }),
    ).toBeInTheDocument();
    // neither the other rule's findings nor a file's finding without a fix
    expect(
      within(screen.getByTestId('finding-BC2002-40')).queryByRole('link'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('finding-BC1010-1')).not.toHaveTextContent(
      'Fixed by PR #7',
    );
    // and every ticket in one list, so a merged PR stays visible once its
    // findings are gone from the scorecard
    const list = screen.getByRole('region', {
      name: 'Tickets and fix pull requests',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      expect.stringMatching(/^Issue #12 · open.* — BC1001 in Dockerfile$/),
      expect.stringMatching(/^Fixed by PR #7.* — the fixes of Dockerfile$/),
      expect.stringMatching(/^Issue #3 · closed.* — BC1001 in Dockerfile$/),
    ]);
  });

  it('keeps the scorecard when tickets fail to load, and retries', async () => {
    const user = userEvent.setup();
    let fail = true;
    server.use(
      http.get(`${base}/v1/tickets`, () =>
        fail
          ? backendError(503, 'ServiceUnavailableError', 'ticket store is down')
          : HttpResponse.json({ items: [issueTicket] }),
      ),
    );
    await renderContent();
    expect(
      await screen.findByText(
        'Tickets could not be loaded: ticket store is down',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(aptFinding.message)).toBeInTheDocument();

    fail = false;
    await user.click(
      screen.getByRole('button', { name: 'Retry loading tickets' }),
    );
    expect(
      await screen.findByRole('link', {
        name: /^Issue #12 · open, for BC1001/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Tickets could not be loaded/),
    ).not.toBeInTheDocument();
  });

  it('disables Open fix PR, saying why, when no open finding has a fix', async () => {
    server.use(
      http.get(`${entityPath}/scorecard`, () =>
        HttpResponse.json({
          ...withTwoOpenFindings,
          files: scorecard.files.map(f => ({ ...f, combinedFix: null })),
        }),
      ),
    );
    await renderContent();
    const pr = await screen.findByRole('button', { name: 'Open fix PR' });
    expect(pr).toBeDisabled();
    expect(pr).toHaveAccessibleDescription(
      /No open finding has a fix that can be applied mechanically/,
    );
    expect(screen.getByRole('button', { name: 'Create ticket' })).toBeEnabled();
  });
});
