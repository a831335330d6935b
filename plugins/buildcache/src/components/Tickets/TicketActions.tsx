import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import BugReportIcon from '@material-ui/icons/BugReportOutlined';
import CallMergeIcon from '@material-ui/icons/CallMerge';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  buildcacheTicketCreatePermission,
  type RuleInfo,
  type Scorecard,
  type TicketKind,
} from '@buildcache/plugin-buildcache-common';
import { TicketDialog } from './TicketDialog';
import { findingChoices } from './ticketChoices';

/**
 * "Create ticket" and "Open fix PR" for a service's open findings; nothing
 * without the ticket permission on the entity. A button that cannot be used
 * says why.
 */
export function TicketActions(props: {
  entityRef: string;
  scorecard: Scorecard;
  rules: Map<string, RuleInfo>;
  /** Reloads the tickets after one was filed. */
  onFiled: () => void;
}) {
  const { entityRef, scorecard, rules, onFiled } = props;
  const { allowed, loading } = usePermission({
    permission: buildcacheTicketCreatePermission,
    resourceRef: entityRef,
  });
  const [open, setOpen] = useState<TicketKind | null>(null);

  if (loading || !allowed) {
    return null;
  }
  const hasOpen =
    findingChoices(scorecard.findings, scorecard.files, 'issue').length > 0;
  const hasFixable =
    findingChoices(scorecard.findings, scorecard.files, 'pull-request').length >
    0;
  let why: string | undefined;
  if (!hasOpen) {
    why = 'Every finding is waived or suppressed: there is nothing to file.';
  } else if (!hasFixable) {
    why =
      'No open finding has a fix that can be applied mechanically, so there is nothing to put in a pull request; create a ticket instead.';
  }
  const whyId = `buildcache-ticket-actions-why`;

  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }}>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        startIcon={<BugReportIcon />}
        disabled={!hasOpen}
        aria-describedby={!hasOpen ? whyId : undefined}
        onClick={() => setOpen('issue')}
      >
        Create ticket
      </Button>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        startIcon={<CallMergeIcon />}
        disabled={!hasFixable}
        aria-describedby={!hasFixable ? whyId : undefined}
        onClick={() => setOpen('pull-request')}
      >
        Open fix PR
      </Button>
      {why && (
        <Typography variant="body2" id={whyId}>
          {why}
        </Typography>
      )}
      {open && (
        <TicketDialog
          kind={open}
          entityRef={entityRef}
          scorecard={scorecard}
          rules={rules}
          onClose={() => setOpen(null)}
          onFiled={onFiled}
        />
      )}
    </Box>
  );
}
