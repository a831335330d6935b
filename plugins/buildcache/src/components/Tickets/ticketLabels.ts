import {
  ticketCovers,
  type ScorecardFinding,
  type Ticket,
  type TicketKind,
} from '@buildcache/plugin-buildcache-common';

/** "PR" or "MR" (GitLab) for pull requests, "Issue" for issues. */
function kindName(ticket: Pick<Ticket, 'kind' | 'tracker'>): string {
  if (ticket.kind === 'issue') return 'Issue';
  return ticket.tracker === 'gitlab' ? 'MR' : 'PR';
}

/** `#12`, `!7` (GitLab merge request) or `PLAT-7` (Jira); '' while pending. */
function ticketNumber(ticket: Ticket): string {
  const id = ticket.externalId;
  if (!id) return '';
  if (!/^\d+$/.test(id)) return id;
  return ticket.kind === 'pull-request' && ticket.tracker === 'gitlab'
    ? `!${id}`
    : `#${id}`;
}

/** "Issue #12", "PR #7", "Issue PLAT-7"; "Issue" while being filed. */
export function ticketName(ticket: Ticket): string {
  const number = ticketNumber(ticket);
  return number ? `${kindName(ticket)} ${number}` : kindName(ticket);
}

/** "Issue #12 · open", "PR #7 · closed", "Fixed by PR #7", "Issue · being filed". */
export function ticketStatusLabel(ticket: Ticket): string {
  if (ticket.kind === 'pull-request' && ticket.state === 'merged') {
    return `Fixed by ${ticketName(ticket)}`;
  }
  const state = ticket.state === 'pending' ? 'being filed' : ticket.state;
  return `${ticketName(ticket)} · ${state}`;
}

/** "issue" / "fix pull request", for sentences. */
export function kindNoun(kind: TicketKind, plural = false): string {
  if (kind === 'issue') return plural ? 'issues' : 'issue';
  return plural ? 'fix pull requests' : 'fix pull request';
}

/**
 * Whether a ticket covers a finding: an issue covers the findings of its
 * (rule, file) pairs; a pull request (rule `*`) every finding of its files
 * that has a mechanical fix, since it commits the file's combined fix.
 */
export function coversFinding(
  ticket: Ticket,
  finding: ScorecardFinding,
): boolean {
  return ticket.findings.some(covered => ticketCovers(covered, finding));
}

/** The tickets covering a finding, open ones first, then newest first. */
export function ticketsCovering(
  tickets: Ticket[],
  finding: ScorecardFinding,
): Ticket[] {
  const rank = (t: Ticket) =>
    t.state === 'open' || t.state === 'pending' ? 0 : 1;
  return tickets
    .filter(ticket => coversFinding(ticket, finding))
    .sort(
      (a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt),
    );
}
