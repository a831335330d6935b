import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { Level } from '@buildcache/plugin-buildcache-common';

const LEVEL_COLORS: Record<Level, { background: string; color: string }> = {
  Gold: { background: '#f2c94c', color: '#3d2f00' },
  Silver: { background: '#c9ced6', color: '#1f2933' },
  Bronze: { background: '#d39b6a', color: '#2e1a08' },
  None: { background: '#e0e0e0', color: '#424242' },
  NotApplicable: { background: 'transparent', color: 'inherit' },
};

export const LEVEL_LABELS: Record<Level, string> = {
  Gold: 'Gold',
  Silver: 'Silver',
  Bronze: 'Bronze',
  None: 'None',
  NotApplicable: 'Not applicable',
};

const useStyles = makeStyles({
  chip: (props: { level: Level }) => ({
    backgroundColor: LEVEL_COLORS[props.level].background,
    color: LEVEL_COLORS[props.level].color,
    fontWeight: 600,
    margin: 0,
  }),
});

/** The level badge; "Not scanned" when the service has no level yet. */
export function LevelChip(props: {
  level: Level | null;
  size?: 'small' | 'medium';
}) {
  const { level, size = 'small' } = props;
  const classes = useStyles({ level: level ?? 'None' });
  if (level === null) {
    return <Chip size={size} label="Not scanned" variant="outlined" />;
  }
  return (
    <Chip
      size={size}
      label={LEVEL_LABELS[level]}
      className={classes.chip}
      variant={level === 'NotApplicable' ? 'outlined' : 'default'}
      aria-label={`Level: ${LEVEL_LABELS[level]}`}
    />
  );
}
