import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  buildcacheWaiverManagePermission,
  type ScorecardFinding,
} from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { RetryableError } from '../common/RetryableError';
import { RemoveWaiverDialog } from '../common/RemoveWaiverDialog';

/** Who waived a finding, for the finding list's waiver note. */
export { WaiverAuthor } from '../common/RemoveWaiverDialog';

/** Who a new waiver covers. */
export interface WaiverScope {
  entityRef: string;
  /** The entity's owner ref, offered as a wider scope. */
  ownerRef?: string;
}

type Target = 'entity' | 'owner' | 'all';

/** "BC1005 in Dockerfile line 7": names one finding among its siblings. */
export function findingLabel(finding: ScorecardFinding): string {
  return `${finding.ruleId} in ${finding.path} line ${finding.line}`;
}

function WaiveDialog(props: {
  finding: ScorecardFinding;
  scope: WaiverScope;
  onClose: () => void;
  onWaived: () => void;
}) {
  const { finding, scope } = props;
  const api = useApi(buildcacheApiRef);
  const alertApi = useApi(alertApiRef);
  const [target, setTarget] = useState<Target>('entity');
  const [onlyThisFile, setOnlyThisFile] = useState(true);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await api.createWaiver({
        target: {
          entity: scope.entityRef,
          owner: scope.ownerRef ?? scope.entityRef,
          all: '*',
        }[target],
        ruleId: finding.ruleId,
        path: onlyThisFile ? finding.path : null,
        reason: reason.trim(),
        expiresAt: expires
          ? new Date(`${expires}T00:00:00Z`).toISOString()
          : null,
      });
      alertApi.post({
        message: `${finding.ruleId} waived`,
        severity: 'success',
        display: 'transient',
      });
      props.onWaived();
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="buildcache-waive-title"
    >
      <DialogTitle id="buildcache-waive-title">
        Waive {finding.ruleId}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          A waived finding stays visible but no longer counts towards the score.
          Say why, so others can judge it later.
        </Typography>
        <RadioGroup
          aria-label="Waive for"
          value={target}
          onChange={event => setTarget(event.target.value as Target)}
        >
          <FormControlLabel
            value="entity"
            control={<Radio />}
            label="This service"
          />
          {scope.ownerRef && (
            <FormControlLabel
              value="owner"
              control={<Radio />}
              label={`Every service of ${scope.ownerRef}`}
            />
          )}
          <FormControlLabel
            value="all"
            control={<Radio />}
            label="Every service"
          />
        </RadioGroup>
        <FormControlLabel
          control={
            <Checkbox
              checked={onlyThisFile}
              onChange={event => setOnlyThisFile(event.target.checked)}
            />
          }
          label={`Only in ${finding.path}`}
        />
        <TextField
          id="buildcache-waiver-reason"
          label="Reason"
          value={reason}
          onChange={event => setReason(event.target.value)}
          required
          fullWidth
          multiline
          margin="normal"
          inputProps={{ maxLength: 2000 }}
        />
        <TextField
          id="buildcache-waiver-expires"
          label="Expires on (optional)"
          type="date"
          value={expires}
          onChange={event => setExpires(event.target.value)}
          InputLabelProps={{ shrink: true }}
          margin="normal"
        />
        {error && (
          <RetryableError
            message={error}
            onRetry={submit}
            disabled={saving || reason.trim().length < 3}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving || reason.trim().length < 3}
        >
          Waive
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * "Waive" on a counting finding, "Remove waiver" on a waived one; hidden
 * without the waiver permission. `onChanged` reloads the scorecard.
 */
export function WaiverActions(props: {
  finding: ScorecardFinding;
  scope: WaiverScope;
  onChanged: () => void;
}) {
  const { finding, scope, onChanged } = props;
  const { allowed } = usePermission({
    permission: buildcacheWaiverManagePermission,
  });
  const [open, setOpen] = useState(false);

  if (!allowed || finding.suppressed) {
    return null;
  }
  if (finding.waiver) {
    const waiver = { ...finding.waiver, ruleId: finding.ruleId };
    return (
      <>
        <Button
          size="small"
          onClick={() => setOpen(true)}
          aria-label={`Remove waiver of ${findingLabel(finding)}…`}
        >
          Remove waiver…
        </Button>
        {open && (
          <RemoveWaiverDialog
            waiver={waiver}
            consequence={`${finding.ruleId} at ${finding.path}:${finding.line} will count again, on every finding this waiver covers, and the scores of the services it applies to are recomputed.`}
            onClose={() => setOpen(false)}
            onRemoved={() => {
              setOpen(false);
              onChanged();
            }}
          />
        )}
      </>
    );
  }
  return (
    <>
      <Button
        size="small"
        onClick={() => setOpen(true)}
        aria-label={`Waive ${findingLabel(finding)}…`}
      >
        Waive…
      </Button>
      {open && (
        <WaiveDialog
          finding={finding}
          scope={scope}
          onClose={() => setOpen(false)}
          onWaived={() => {
            setOpen(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
