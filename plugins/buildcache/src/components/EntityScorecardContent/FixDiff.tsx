import { useState } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import CopyIcon from '@material-ui/icons/FileCopy';
import { errorApiRef, useApi } from '@backstage/core-plugin-api';

type DiffLineKind = 'added' | 'removed' | 'hunk' | 'header' | 'context';

function diffLineKind(line: string): DiffLineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'header';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return 'context';
}

const useStyles = makeStyles((theme: Theme) => ({
  diff: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    margin: 0,
    padding: theme.spacing(1, 0),
    overflowX: 'auto',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  line: { display: 'block', padding: theme.spacing(0, 1), whiteSpace: 'pre' },
  added: {
    backgroundColor: 'rgba(46, 160, 67, 0.18)',
    color: theme.palette.type === 'dark' ? '#7ee787' : '#116329',
  },
  removed: {
    backgroundColor: 'rgba(248, 81, 73, 0.18)',
    color: theme.palette.type === 'dark' ? '#ffa198' : '#82071e',
  },
  // 4.5:1 or more on the diff background in both themes
  hunk: {
    color: theme.palette.type === 'dark' ? theme.palette.info.light : '#0550ae',
  },
  header: { color: theme.palette.text.secondary, fontWeight: 600 },
  context: {},
  copy: {
    position: 'absolute',
    top: theme.spacing(0.5),
    right: theme.spacing(0.5),
  },
}));

/** Copies text with the async clipboard API; reports failures to errorApi. */
export function CopyButton(props: { text: string; label: string }) {
  const errorApi = useApi(errorApiRef);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (e) {
      errorApi.post(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return (
    <Tooltip title={copied ? 'Copied' : props.label}>
      <IconButton size="small" aria-label={props.label} onClick={copy}>
        <CopyIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

/**
 * A unified diff, one line per row, added lines green and removed red.
 * Rendered as text: the diff comes from repository content.
 */
export function FixDiff(props: {
  diff: string;
  /** Accessible names of the diff and its copy button. */
  label?: string;
  copyLabel?: string;
}) {
  const classes = useStyles();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  return (
    <Box position="relative">
      <pre
        className={classes.diff}
        aria-label={props.label ?? 'Suggested fix (unified diff)'}
        // long lines scroll sideways: the region must take keyboard focus
        role="region"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        {lines.map((line, index) => {
          const kind = diffLineKind(line);
          return (
            <span
              // Lines have no identity beyond their position in the diff.
              // eslint-disable-next-line react/no-array-index-key
              key={index}
              className={`${classes.line} ${classes[kind]}`}
              data-diff-line={kind}
            >
              {line || ' '}
            </span>
          );
        })}
      </pre>
      <Box className={classes.copy}>
        <CopyButton
          text={props.diff}
          label={props.copyLabel ?? 'Copy fix to clipboard'}
        />
      </Box>
    </Box>
  );
}
