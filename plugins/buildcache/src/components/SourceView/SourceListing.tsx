import { useEffect, useRef } from 'react';
import { makeStyles, type Theme } from '@material-ui/core/styles';

const useStyles = makeStyles((theme: Theme) => ({
  listing: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    margin: 0,
    padding: theme.spacing(1, 0),
    overflow: 'auto',
    maxHeight: '70vh',
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  line: { display: 'flex', whiteSpace: 'pre' },
  number: {
    flex: '0 0 auto',
    minWidth: '4ch',
    padding: theme.spacing(0, 1),
    textAlign: 'right',
    color: theme.palette.text.secondary,
    userSelect: 'none',
  },
  text: { padding: theme.spacing(0, 1) },
  current: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(187, 128, 9, 0.3)'
        : 'rgba(255, 213, 79, 0.45)',
  },
}));

/**
 * A file as numbered lines of text (never HTML), the `line` highlighted and
 * scrolled into view. The listing scrolls by keyboard: it is focusable.
 */
export function SourceListing(props: {
  path: string;
  text: string;
  line?: number;
}) {
  const classes = useStyles();
  const current = useRef<HTMLDivElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView?.({ block: 'center' });
  }, [props.line, props.text]);
  const lines = props.text.replace(/\n$/, '').split('\n');
  return (
    <div
      className={classes.listing}
      role="region"
      aria-label={`${props.path}${props.line ? `, line ${props.line}` : ''}`}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard
      tabIndex={0}
    >
      {lines.map((text, index) => {
        const number = index + 1;
        const isCurrent = number === props.line;
        return (
          <div
            key={number}
            id={`L${number}`}
            ref={isCurrent ? current : undefined}
            className={`${classes.line} ${isCurrent ? classes.current : ''}`}
            data-current={isCurrent || undefined}
          >
            <span className={classes.number} aria-hidden="true">
              {number}
            </span>
            <span className={classes.text}>{text || ' '}</span>
          </div>
        );
      })}
    </div>
  );
}
