import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Ticket } from '@buildcache/plugin-buildcache-common';
import { ExternalLink } from '../common/ExternalLink';
import { ticketName } from './ticketLabels';

/** Tickets as "Issue #12 (open): title" lines, each linking to the ticket. */
export function TicketLinks(props: { tickets: Ticket[] }) {
  return (
    <Box component="ul" m={0} pl={2.5}>
      {props.tickets.map(ticket => (
        <Typography component="li" variant="body2" key={ticket.id}>
          <ExternalLink url={ticket.url}>{ticketName(ticket)}</ExternalLink> (
          {ticket.state === 'pending' ? 'being filed' : ticket.state}):{' '}
          {ticket.title}
        </Typography>
      ))}
    </Box>
  );
}
