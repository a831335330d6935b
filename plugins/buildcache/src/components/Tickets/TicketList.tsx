import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Ticket } from '@buildcache/plugin-buildcache-common';
import { ExternalLink } from '../common/ExternalLink';
import { ticketStatusLabel } from './ticketLabels';

/** "BC1005 in Dockerfile", "the fixes of Dockerfile" for a ticket's findings. */
function covered(ticket: Ticket): string {
  return ticket.findings
    .map(f =>
      f.ruleId === '*' ? `the fixes of ${f.path}` : `${f.ruleId} in ${f.path}`,
    )
    .join(', ');
}

/**
 * Every ticket and fix pull request of the service, newest first: so a
 * merged PR still shows as "Fixed by PR #7" once its findings are gone from
 * the scorecard, and closed tickets say why.
 */
export function TicketList(props: { tickets: Ticket[] }) {
  if (!props.tickets.length) return null;
  return (
    <Box component="section" aria-label="Tickets and fix pull requests">
      <Typography variant="subtitle2" component="h3">
        Tickets and fix pull requests
      </Typography>
      <Box component="ul" m={0} pl={3}>
        {props.tickets.map(ticket => (
          <Typography component="li" variant="body2" key={ticket.id}>
            <ExternalLink
              url={ticket.url}
              label={`${ticketStatusLabel(ticket)}: ${ticket.title}`}
            >
              {ticketStatusLabel(ticket)}
            </ExternalLink>{' '}
            — {covered(ticket)}
            {ticket.closedReason ? ` (closed: ${ticket.closedReason})` : ''}
            {ticket.syncError ? ` (last sync failed: ${ticket.syncError})` : ''}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
