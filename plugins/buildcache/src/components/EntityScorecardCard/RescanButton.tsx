import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { usePermission } from '@backstage/plugin-permission-react';
import { buildcacheScanCreatePermission } from '@buildcache/plugin-buildcache-common';
import { useRescan } from '../../hooks/useRescan';

export interface RescanButtonProps {
  entityRef: string;
  /** Reloads the scorecard once the scan is done. */
  onFinished: () => void;
  label?: string;
  pollIntervalMs?: number;
}

/**
 * Requests a scan and shows its progress. Renders nothing unless the user may
 * create scans for this entity.
 */
export function RescanButton(props: RescanButtonProps) {
  const { entityRef, onFinished, label = 'Rescan', pollIntervalMs } = props;
  const { allowed, loading } = usePermission({
    permission: buildcacheScanCreatePermission,
    resourceRef: entityRef,
  });
  const { state, start } = useRescan(entityRef, { onFinished, pollIntervalMs });

  if (loading || !allowed) {
    return null;
  }
  const running = state.phase === 'running';
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        onClick={start}
        disabled={running}
        startIcon={
          running ? <CircularProgress size={16} aria-hidden /> : <RefreshIcon />
        }
      >
        {label}
      </Button>
      <Typography
        variant="body2"
        role="status"
        color={state.phase === 'failed' ? 'error' : 'textSecondary'}
      >
        {running && `Scan ${state.status}…`}
        {state.phase === 'finished' &&
          (state.status === 'unchanged'
            ? 'Nothing changed since the last scan.'
            : 'Scan finished.')}
        {state.phase === 'failed' && `Scan failed: ${state.message}`}
      </Typography>
    </Box>
  );
}
