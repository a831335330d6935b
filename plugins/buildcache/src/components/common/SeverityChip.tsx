import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import {
  SEVERITIES,
  type Severity,
} from '@buildcache/plugin-buildcache-common';

const useStyles = makeStyles((theme: Theme) => ({
  error: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  info: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  chip: { margin: 0 },
}));

/** A severity label, coloured by severity. */
export function SeverityChip(props: { severity: Severity; label?: string }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.label ?? props.severity}
      className={`${classes.chip} ${classes[props.severity]}`}
    />
  );
}

/** "2 errors · 3 warnings · 0 info" as chips. */
export function SeverityCounts(props: { counts: Record<Severity, number> }) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {SEVERITIES.map(severity => (
        <SeverityChip
          key={severity}
          severity={severity}
          label={`${props.counts[severity] ?? 0} ${pluralize(
            severity,
            props.counts[severity] ?? 0,
          )}`}
        />
      ))}
    </Box>
  );
}

function pluralize(severity: Severity, count: number): string {
  if (severity === 'info' || count === 1) {
    return severity;
  }
  return `${severity}s`;
}
