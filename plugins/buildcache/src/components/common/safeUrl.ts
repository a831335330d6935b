/**
 * The URL when it is an absolute http(s) URL, else null: links to trackers
 * come from the backend and repository configuration, so nothing like
 * `javascript:` is ever made clickable.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? url
      : null;
  } catch {
    return null;
  }
}
