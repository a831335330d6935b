import type { Finding } from './report';
import type { TicketFinding } from './api';

/**
 * Whether a ticket's covered (rule, file) takes in a finding: an issue's
 * covers the findings of that rule in that file; a pull request's (rule `*`)
 * every finding of that file with a mechanical fix, since it commits the
 * file's combined fix. The one decision, used by the backend (ticket
 * bodies, closing fixed tickets) and the frontend (chips beside findings).
 * @public
 */
export function ticketCovers(
  covered: Pick<TicketFinding, 'ruleId' | 'path'>,
  finding: Pick<Finding, 'ruleId' | 'path' | 'fix'>,
): boolean {
  return (
    covered.path === finding.path &&
    (covered.ruleId === '*'
      ? Boolean(finding.fix?.diff)
      : covered.ruleId === finding.ruleId)
  );
}
