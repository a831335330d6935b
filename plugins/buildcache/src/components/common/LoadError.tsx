import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ResponseErrorPanel } from '@backstage/core-components';

/** A failed request of a view, with a way to try it again. */
export function LoadError(props: {
  error: Error;
  title: string;
  /** Names what Retry reloads, e.g. "Retry loading the summary". */
  retryLabel: string;
  onRetry: () => void;
  retrying?: boolean;
}) {
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <ResponseErrorPanel error={props.error} title={props.title} />
      <Box>
        <Button
          variant="outlined"
          color="primary"
          onClick={props.onRetry}
          disabled={props.retrying}
        >
          {props.retryLabel}
        </Button>
      </Box>
    </Box>
  );
}
