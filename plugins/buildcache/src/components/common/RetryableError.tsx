import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/** A failed request's message (announced) and a button that sends it again. */
export function RetryableError(props: {
  message: string;
  onRetry: () => void;
  disabled?: boolean;
}) {
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <Typography color="error" variant="body2" role="alert">
        {props.message}
      </Typography>
      <Button
        size="small"
        variant="outlined"
        onClick={props.onRetry}
        disabled={props.disabled}
      >
        Retry
      </Button>
    </Box>
  );
}
