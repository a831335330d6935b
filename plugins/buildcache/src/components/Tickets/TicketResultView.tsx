import Alert from '@material-ui/lab/Alert';
import type {
  TicketKind,
  TicketResult,
} from '@buildcache/plugin-buildcache-common';
import { ExternalLink } from '../common/ExternalLink';
import { kindNoun, ticketName } from './ticketLabels';
import { TicketLinks } from './TicketLinks';

/** What a submitted ticket request did, with links to the tickets. */
export function TicketResultView(props: {
  kind: TicketKind;
  result: TicketResult;
}) {
  const { kind, result } = props;
  const [first, ...others] = result.tickets;
  if (result.outcome === 'created' && first) {
    return (
      <Alert severity="success" role="status">
        Created <ExternalLink url={first.url}>{ticketName(first)}</ExternalLink>
        : {first.title}
        {others.length > 0 && (
          <>
            . Already filed before, for some of the chosen findings:
            <TicketLinks tickets={others} />
          </>
        )}
      </Alert>
    );
  }
  if (result.outcome === 'pending') {
    return (
      <Alert severity="info" role="status">
        Another request is filing this {kindNoun(kind)} right now; it will
        appear beside the findings shortly.
        {result.tickets.length > 0 && <TicketLinks tickets={result.tickets} />}
      </Alert>
    );
  }
  return (
    <Alert severity="success" role="status">
      These findings were already filed; the open {kindNoun(kind)} was updated
      with the current findings:
      <TicketLinks tickets={result.tickets} />
    </Alert>
  );
}
