import { aptFinding, suppressedFinding } from '../../__testUtils__/fixtures';
import {
  issueTicket,
  pullRequestTicket,
} from '../../__testUtils__/ticketFixtures';
import {
  coversFinding,
  ticketName,
  ticketStatusLabel,
  ticketsCovering,
} from './ticketLabels';

describe('ticket labels', () => {
  it('names issues and pull requests by tracker', () => {
    expect(ticketStatusLabel(issueTicket)).toBe('Issue #12 · open');
    expect(ticketStatusLabel({ ...issueTicket, state: 'closed' })).toBe(
      'Issue #12 · closed',
    );
    expect(ticketStatusLabel({ ...pullRequestTicket, state: 'open' })).toBe(
      'PR #7 · open',
    );
    expect(ticketStatusLabel(pullRequestTicket)).toBe('Fixed by PR #7');
    expect(
      ticketName({ ...issueTicket, tracker: 'jira', externalId: 'PLAT-7' }),
    ).toBe('Issue PLAT-7');
    expect(ticketStatusLabel({ ...pullRequestTicket, tracker: 'gitlab' })).toBe(
      'Fixed by MR !7',
    );
    expect(
      ticketStatusLabel({
        ...issueTicket,
        state: 'pending',
        externalId: null,
        url: null,
      }),
    ).toBe('Issue · being filed');
  });

  it('matches issues by rule and file, pull requests by file and fix', () => {
    expect(coversFinding(issueTicket, aptFinding)).toBe(true);
    expect(
      coversFinding(issueTicket, { ...aptFinding, path: 'api/Dockerfile' }),
    ).toBe(false);
    expect(
      coversFinding(issueTicket, { ...aptFinding, ruleId: 'BC1002' }),
    ).toBe(false);
    expect(coversFinding(pullRequestTicket, aptFinding)).toBe(true);
    // same file, but nothing the combined fix can change
    expect(coversFinding(pullRequestTicket, suppressedFinding)).toBe(false);
  });

  it('lists open tickets first, then the newest', () => {
    const closed = {
      ...issueTicket,
      id: 'old',
      state: 'closed' as const,
      createdAt: '2030-01-01T12:00:00.000Z',
    };
    expect(
      ticketsCovering([closed, pullRequestTicket, issueTicket], aptFinding).map(
        t => t.id,
      ),
    ).toEqual([issueTicket.id, 'old', pullRequestTicket.id]);
  });
});
