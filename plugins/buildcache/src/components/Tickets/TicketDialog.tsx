import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  RuleInfo,
  Scorecard,
  TicketKind,
  TicketResult,
} from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { FindingChooser } from './FindingChooser';
import { findingChoices, toSelectors } from './ticketChoices';
import { ticketName } from './ticketLabels';
import { TicketPreviewView } from './TicketPreviewView';
import { TicketResultView } from './TicketResultView';

type Step =
  | { step: 'choose' }
  | { step: 'preview'; result: TicketResult }
  | { step: 'done'; result: TicketResult };

const TITLES: Record<TicketKind, string> = {
  issue: 'Create ticket',
  'pull-request': 'Open fix pull request',
};

const STEP_NAMES: Record<Step['step'], string> = {
  choose: '1 of 3: choose findings',
  preview: '2 of 3: preview',
  done: '3 of 3: done',
};

/**
 * Choose findings, preview what would be filed (a dry run), then submit.
 * Errors keep the dialog and its choices as they are.
 */
export function TicketDialog(props: {
  kind: TicketKind;
  entityRef: string;
  scorecard: Scorecard;
  rules: Map<string, RuleInfo>;
  onClose: () => void;
  /** Called after a submit, to reload the tickets. */
  onFiled: () => void;
}) {
  const { kind, entityRef, scorecard, rules, onClose, onFiled } = props;
  const api = useApi(buildcacheApiRef);
  const alertApi = useApi(alertApiRef);
  const files = useMemo(
    () => findingChoices(scorecard.findings, scorecard.files, kind),
    [scorecard, kind],
  );
  const [selected, setSelected] = useState<Set<string>>(
    () => new Set(files.flatMap(file => file.choices.map(c => c.key))),
  );
  const [step, setStep] = useState<Step>({ step: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const chosen = files
    .flatMap(file => file.choices)
    .filter(choice => selected.has(choice.key));

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.createTicket(entityRef, {
        kind,
        findings: toSelectors(chosen),
        dryRun,
      });
      setStep({ step: dryRun ? 'preview' : 'done', result });
      if (!dryRun) {
        onFiled();
        if (result.outcome === 'created' && result.tickets[0]) {
          alertApi.post({
            message: `Filed ${ticketName(result.tickets[0])}`,
            severity: 'success',
            display: 'transient',
          });
        }
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const titleId = `buildcache-ticket-dialog-${kind}`;
  const submitLabel =
    step.step === 'preview' && step.result.outcome === 'would-update'
      ? 'Update the open ticket'
      : { issue: 'Create issue', 'pull-request': 'Open pull request' }[kind];

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
      scroll="paper"
    >
      <DialogTitle id={titleId}>
        {TITLES[kind]}
        <Typography variant="body2" color="textSecondary" component="span">
          {' '}
          — step {STEP_NAMES[step.step]}
        </Typography>
      </DialogTitle>
      <DialogContent dividers>
        {step.step === 'choose' && (
          <>
            <Typography variant="body2" paragraph>
              {kind === 'issue'
                ? 'One issue in the service’s tracker lists the chosen findings, with their lines, rationale and fixes. Findings already covered by an open issue are not filed twice.'
                : 'One pull request commits the combined fix of every chosen finding’s file: the whole file is fixed, not only the chosen findings.'}
            </Typography>
            <FindingChooser
              kind={kind}
              files={files}
              rules={rules}
              selected={selected}
              onChange={setSelected}
            />
          </>
        )}
        {step.step === 'preview' && (
          <TicketPreviewView kind={kind} result={step.result} />
        )}
        {step.step === 'done' && (
          <TicketResultView kind={kind} result={step.result} />
        )}
        {error && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {busy && <CircularProgress size={20} aria-label="Sending" />}
        {step.step === 'done' ? (
          <Button color="primary" variant="contained" onClick={onClose}>
            Close
          </Button>
        ) : (
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
        )}
        {step.step === 'choose' && (
          <Button
            color="primary"
            variant="contained"
            disabled={busy || chosen.length === 0}
            onClick={() => send(true)}
          >
            Preview
          </Button>
        )}
        {step.step === 'preview' && (
          <>
            <Button
              disabled={busy}
              onClick={() => {
                setError(undefined);
                setStep({ step: 'choose' });
              }}
            >
              Back
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={busy || step.result.outcome === 'pending'}
              onClick={() => send(false)}
            >
              {submitLabel}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
