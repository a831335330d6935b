import type { ReactNode } from 'react';
import Paper from '@material-ui/core/Paper';
import { makeStyles, type Theme } from '@material-ui/core/styles';

const useStyles = makeStyles((theme: Theme) => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1.5, 2),
    marginBottom: theme.spacing(2),
  },
}));

/**
 * A row of filters on a paper surface: the theme's secondary text (field
 * labels, counts) reaches 4.5:1 there, not on the grey page background.
 */
export function FilterBar(props: { children: ReactNode; label?: string }) {
  const classes = useStyles();
  return (
    <Paper
      className={classes.bar}
      variant="outlined"
      role="group"
      aria-label={props.label ?? 'Filters'}
    >
      {props.children}
    </Paper>
  );
}
