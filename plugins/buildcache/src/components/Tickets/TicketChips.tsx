import Chip from '@material-ui/core/Chip';
import BugReportIcon from '@material-ui/icons/BugReportOutlined';
import CallMergeIcon from '@material-ui/icons/CallMerge';
import type {
  ScorecardFinding,
  Ticket,
} from '@buildcache/plugin-buildcache-common';
import { ticketStatusLabel, ticketsCovering } from './ticketLabels';

function TicketChip(props: { ticket: Ticket; finding: ScorecardFinding }) {
  const { ticket, finding } = props;
  const label = ticketStatusLabel(ticket);
  // every finding can show the same ticket: the name says which finding
  const name = `${label}, for ${finding.ruleId} at ${finding.path} line ${finding.line}`;
  const icon =
    ticket.kind === 'issue' ? (
      <BugReportIcon aria-hidden />
    ) : (
      <CallMergeIcon aria-hidden />
    );
  const color =
    ticket.kind === 'pull-request' && ticket.state === 'merged'
      ? 'primary'
      : 'default';
  const title = ticket.syncError
    ? `${ticket.title} (last sync failed: ${ticket.syncError})`
    : ticket.title;
  if (!ticket.url) {
    return (
      <Chip
        size="small"
        variant="outlined"
        icon={icon}
        label={label}
        title={title}
      />
    );
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      color={color}
      icon={icon}
      label={label}
      title={title}
      clickable
      // a link, not the button a clickable chip announces itself as
      role="link"
      component="a"
      href={ticket.url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`${name} (opens in a new tab)`}
    />
  );
}

/**
 * The tickets and fix pull requests covering a finding, as compact chips
 * linking to them; nothing when none covers it.
 */
export function TicketChips(props: {
  finding: ScorecardFinding;
  tickets: Ticket[];
}) {
  const covering = ticketsCovering(props.tickets, props.finding);
  return (
    <>
      {covering.map(ticket => (
        <TicketChip key={ticket.id} ticket={ticket} finding={props.finding} />
      ))}
    </>
  );
}
