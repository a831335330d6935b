import { Fragment } from 'react';
import { makeStyles, type Theme } from '@material-ui/core/styles';

const useStyles = makeStyles((theme: Theme) => ({
  code: {
    fontFamily: 'monospace',
    fontSize: '0.95em',
    padding: '0 3px',
    borderRadius: 3,
    backgroundColor: theme.palette.action.hover,
    // secondary text on the code tint falls under 4.5:1
    color: theme.palette.text.primary,
  },
}));

/**
 * Splits text on `backtick` spans: the parts between backticks, and whether
 * each is code. An unpaired backtick stays as text.
 */
export function splitInlineCode(
  text: string,
): Array<{ text: string; code: boolean }> {
  const parts: Array<{ text: string; code: boolean }> = [];
  const pattern = /`([^`\n]+)`/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index! > last)
      parts.push({ text: text.slice(last, m.index), code: false });
    parts.push({ text: m[1], code: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/**
 * Rule texts (summaries, rationales, fix descriptions) mark commands and
 * paths with Markdown backticks: show those as code instead of raw
 * backticks. Rendered as React text nodes, never as HTML.
 */
export function InlineCode(props: { text: string }) {
  const classes = useStyles();
  return (
    <>
      {splitInlineCode(props.text).map((part, i) =>
        part.code ? (
          // parts have no identity beyond their position
          // eslint-disable-next-line react/no-array-index-key
          <code key={i} className={classes.code}>
            {part.text}
          </code>
        ) : (
          // eslint-disable-next-line react/no-array-index-key
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
