import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import type {
  RuleInfo,
  ScorecardFinding,
  Ticket,
} from '@buildcache/plugin-buildcache-common';
import { SeverityChip } from '../common/SeverityChip';
import { useRuleLink } from '../common/pageLinks';
import { formatDate } from '../common/formatTime';
import { FixDiff } from './FixDiff';
import { InlineCode } from '../common/InlineCode';
import { TicketChips } from '../Tickets';
import { WaiverActions, WaiverAuthor, type WaiverScope } from './WaiverActions';

const useStyles = makeStyles((theme: Theme) => ({
  root: {
    padding: theme.spacing(2, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
    '&:first-child': { borderTop: 'none', paddingTop: 0 },
  },
  muted: { opacity: 0.75 },
  message: { wordBreak: 'break-word' },
}));

/** Why a finding does not count: a waiver or an inline ignore pragma. */
function ExemptionNote(props: { finding: ScorecardFinding }) {
  const { finding } = props;
  if (finding.waiver) {
    const { reason, expiresAt } = finding.waiver;
    return (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Chip size="small" label="Waived" variant="outlined" />
        <Typography variant="body2" color="textSecondary">
          {reason}
          {expiresAt ? ` — expires ${formatDate(expiresAt)}` : ' — no expiry'}
          {' — '}
          <WaiverAuthor createdBy={finding.waiver.createdBy} />
        </Typography>
      </Box>
    );
  }
  if (finding.suppressed) {
    return (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Chip size="small" label="Suppressed" variant="outlined" />
        <Typography variant="body2" color="textSecondary">
          {finding.suppressionReason ?? 'No reason given'} (inline
          buildcache-ignore)
        </Typography>
      </Box>
    );
  }
  return null;
}

/** One finding: rule, severity, message, line link, rationale and fix. */
export function FindingItem(props: {
  finding: ScorecardFinding;
  rule: RuleInfo | undefined;
  /** When given, the finding can be waived (permission permitting). */
  waivers?: { scope: WaiverScope; onChanged: () => void };
  /** The service's tickets: those covering this finding are shown. */
  tickets?: Ticket[];
  /** Where the line opens when the SCM has no web view (the source view). */
  sourceLink?: (path: string, line: number) => string | undefined;
}) {
  const { finding, rule, waivers, tickets, sourceLink } = props;
  const classes = useStyles();
  const ruleLink = useRuleLink();
  const lineUrl = finding.url ?? sourceLink?.(finding.path, finding.line);
  const exempt = finding.suppressed || finding.waiver !== null;
  const location = `line ${finding.line}${
    finding.endLine > finding.line ? `–${finding.endLine}` : ''
  }`;
  return (
    <Box
      className={`${classes.root} ${exempt ? classes.muted : ''}`}
      data-testid={`finding-${finding.ruleId}-${finding.line}`}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <SeverityChip severity={finding.severity} />
        {finding.newSinceLastScan && (
          <Chip
            size="small"
            variant="outlined"
            color="primary"
            label="New"
            title="Not found by the previous scan"
          />
        )}
        <Typography variant="subtitle2" component="span">
          {ruleLink ? (
            <Link to={ruleLink(finding.ruleId)} underline="always">
              {finding.ruleId}
            </Link>
          ) : (
            finding.ruleId
          )}
          {rule && ` ${rule.name}`}
        </Typography>
        {lineUrl ? (
          <Link
            to={lineUrl}
            externalLinkIcon={Boolean(finding.url)}
            underline="always"
            aria-label={`${location} of ${finding.path}`}
          >
            {location}
          </Link>
        ) : (
          <Typography variant="body2" component="span" color="textSecondary">
            {location}
          </Typography>
        )}
        {tickets && <TicketChips finding={finding} tickets={tickets} />}
        {waivers && (
          <WaiverActions
            finding={finding}
            scope={waivers.scope}
            onChanged={waivers.onChanged}
          />
        )}
      </Box>
      <Typography variant="body1" className={classes.message}>
        {finding.message}
      </Typography>
      <ExemptionNote finding={finding} />
      {rule?.rationale && (
        <Typography variant="body2" color="textSecondary">
          Why it matters: <InlineCode text={rule.rationale} />
        </Typography>
      )}
      {finding.fix && (
        <Box mt={1}>
          <Typography variant="body2">
            Suggested fix: <InlineCode text={finding.fix.description} />
          </Typography>
          {finding.fix.diff && <FixDiff diff={finding.fix.diff} />}
        </Box>
      )}
    </Box>
  );
}
