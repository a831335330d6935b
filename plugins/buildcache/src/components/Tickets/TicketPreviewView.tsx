import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type {
  TicketKind,
  TicketResult,
} from '@buildcache/plugin-buildcache-common';
import { FixDiff } from '../EntityScorecardContent/FixDiff';
import { kindNoun } from './ticketLabels';
import { TicketLinks } from './TicketLinks';

const useStyles = makeStyles((theme: Theme) => ({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: theme.spacing(0.5, 2),
    margin: theme.spacing(0, 0, 2),
    '& dt': { fontWeight: 600 },
    '& dd': { margin: 0, wordBreak: 'break-word' },
  },
  body: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    margin: 0,
    padding: theme.spacing(1),
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/**
 * A dry run's answer: what would be sent (target, title, the Markdown body
 * as plain text, a pull request's patch), or which ticket would be updated.
 */
export function TicketPreviewView(props: {
  kind: TicketKind;
  result: TicketResult;
}) {
  const { kind, result } = props;
  const classes = useStyles();
  const noun = kindNoun(kind);

  if (result.outcome === 'pending') {
    return (
      <Alert severity="info" role="status">
        Another request is filing a ticket for these findings right now; it will
        appear beside them shortly.
        {result.tickets.length > 0 && <TicketLinks tickets={result.tickets} />}
      </Alert>
    );
  }
  if (result.outcome === 'would-update' || !result.preview) {
    return (
      <Alert severity="info" role="status">
        These findings are already filed. Submitting updates the open {noun}{' '}
        with the current findings instead of filing a new one:
        <TicketLinks tickets={result.tickets} />
      </Alert>
    );
  }

  const { preview } = result;
  return (
    <Box>
      {result.tickets.length > 0 && (
        <Box mb={2}>
          <Alert severity="info" role="status">
            Some of the chosen findings are already filed and are left out of
            the new {noun}:
            <TicketLinks tickets={result.tickets} />
          </Alert>
        </Box>
      )}
      <dl className={classes.fields}>
        <dt>Target</dt>
        <dd style={{ fontFamily: 'monospace' }}>{preview.target}</dd>
        <dt>Title</dt>
        <dd>{preview.title}</dd>
      </dl>
      <Typography variant="subtitle2" component="h3" id="ticket-preview-body">
        Body (Markdown, as sent)
      </Typography>
      <pre className={classes.body} aria-labelledby="ticket-preview-body">
        {preview.body}
      </pre>
      {kind === 'pull-request' && preview.patch && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            Patch the pull request commits
          </Typography>
          <FixDiff
            diff={preview.patch}
            label="Patch the pull request commits (unified diff)"
            copyLabel="Copy the pull request's patch"
          />
        </Box>
      )}
    </Box>
  );
}
