import { useState, type ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Waiver } from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef } from '../../api';
import { errorMessage } from './errorMessage';
import { RetryableError } from './RetryableError';

/** "Waived by" and the user's catalog entity. */
export function WaiverAuthor(props: { createdBy: string }) {
  return (
    <Typography variant="body2" color="textSecondary" component="span">
      Waived by{' '}
      <EntityRefLink entityRef={props.createdBy} defaultKind="user" hideIcon />
    </Typography>
  );
}

/**
 * Asks before removing a waiver (what will count again, why it was waived,
 * who waived it); a failed removal says why and offers Retry. Mount it while
 * open, so each opening starts without an error.
 */
export function RemoveWaiverDialog(props: {
  waiver: Pick<Waiver, 'id' | 'ruleId' | 'reason' | 'createdBy'>;
  /** What removing it changes, e.g. "BC1001 at Dockerfile:4 will count again…". */
  consequence: ReactNode;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { waiver } = props;
  const api = useApi(buildcacheApiRef);
  const alertApi = useApi(alertApiRef);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string>();
  const remove = async () => {
    setRemoving(true);
    setError(undefined);
    try {
      await api.deleteWaiver(waiver.id);
      alertApi.post({
        message: `Waiver of ${waiver.ruleId} removed`,
        severity: 'success',
        display: 'transient',
      });
      props.onRemoved();
    } catch (e) {
      setError(errorMessage(e));
      setRemoving(false);
    }
  };
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="buildcache-remove-waiver-title"
    >
      <DialogTitle id="buildcache-remove-waiver-title">
        Remove this waiver?
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {props.consequence}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Waived because: {waiver.reason}
        </Typography>
        <WaiverAuthor createdBy={waiver.createdBy} />
        {error && (
          <Box mt={1}>
            <RetryableError
              message={`The waiver was not removed: ${error}`}
              onRetry={remove}
              disabled={removing}
            />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={removing}>
          Cancel
        </Button>
        <Button color="primary" onClick={remove} disabled={removing}>
          Remove waiver
        </Button>
      </DialogActions>
    </Dialog>
  );
}
