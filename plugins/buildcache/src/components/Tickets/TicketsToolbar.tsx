import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { RuleInfo, Scorecard } from '@buildcache/plugin-buildcache-common';
import type { TicketsState } from '../../hooks/useTickets';
import { errorMessage } from '../common/errorMessage';
import { TicketActions } from './TicketActions';
import { TicketList } from './TicketList';

/**
 * Above the findings: the ticket actions, and the state of the tickets
 * shown beside the findings (a failure to load them is only noted here, with
 * a retry: the scorecard itself stays usable).
 */
export function TicketsToolbar(props: {
  entityRef: string;
  scorecard: Scorecard;
  rules: Map<string, RuleInfo>;
  tickets: TicketsState;
}) {
  const { entityRef, scorecard, rules, tickets } = props;
  return (
    <Box mb={2}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        style={{ gap: 16 }}
      >
        <TicketActions
          entityRef={entityRef}
          scorecard={scorecard}
          rules={rules}
          onFiled={tickets.retry}
        />
        <Box
          display="flex"
          alignItems="center"
          role="status"
          style={{ gap: 8 }}
        >
          {tickets.error ? (
            <>
              <Typography variant="body2" color="error">
                Tickets could not be loaded: {errorMessage(tickets.error)}
              </Typography>
              <Button
                size="small"
                onClick={tickets.retry}
                disabled={tickets.loading}
              >
                Retry loading tickets
              </Button>
            </>
          ) : (
            tickets.loading && (
              <Typography variant="body2" color="textSecondary">
                Loading tickets…
              </Typography>
            )
          )}
        </Box>
      </Box>
      <TicketList tickets={tickets.tickets} />
    </Box>
  );
}
