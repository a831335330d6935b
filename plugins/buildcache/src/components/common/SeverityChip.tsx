import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import {
  SEVERITIES,
  type Severity,
} from '@buildcache/plugin-buildcache-common';

const useStyles = makeStyles((theme: Theme) => ({
  // the dark shades keep white text at 4.5:1 or more (main ones do not)
  error: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.getContrastText(theme.palette.error.dark),
  },
  warning: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  info: {
    backgroundColor: theme.palette.info.dark,
    color: theme.palette.getContrastText(theme.palette.info.dark),
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
