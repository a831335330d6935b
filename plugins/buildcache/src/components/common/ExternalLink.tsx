import type { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { safeHttpUrl } from './safeUrl';

/**
 * A link opening in a new tab (said in its accessible name), or the plain
 * text when the URL is missing or not http(s).
 */
export function ExternalLink(props: {
  url: string | null | undefined;
  children: ReactNode;
  /** Accessible name when the text alone is ambiguous on the page. */
  label?: string;
}) {
  const url = safeHttpUrl(props.url);
  if (!url) {
    return <>{props.children}</>;
  }
  return (
    // Link opens http(s) URLs in a new tab, and says so to screen readers
    <Link
      to={url}
      rel="noopener noreferrer"
      externalLinkIcon
      // links sit in running text: told apart by more than colour
      underline="always"
      // Link appends ", Opens in a new window" to it
      aria-label={props.label}
    >
      {props.children}
    </Link>
  );
}
