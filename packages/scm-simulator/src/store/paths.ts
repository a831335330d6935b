/**
 * Path and name checks. Every path that reaches the store passes through
 * here; anything with empty, `.` or `..` segments, NUL bytes, backslashes or
 * a `.git` segment is refused, so no request can address anything outside a
 * repository's own tree.
 */

const FORBIDDEN_CHARS = /[\0\\]/;

/**
 * Normalises a file path inside a repository: leading and trailing slashes
 * are dropped, then every segment must be a plain name. Returns undefined
 * for anything else. The empty string stands for the repository root.
 */
export function normalizeRepoPath(input: string): string | undefined {
  if (FORBIDDEN_CHARS.test(input)) return undefined;
  const trimmed = input.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return undefined;
    if (segment.toLowerCase() === '.git') return undefined;
  }
  return segments.join('/');
}

/** Like normalizeRepoPath, but the root is not a valid file path. */
export function normalizeFilePath(input: string): string | undefined {
  const normalized = normalizeRepoPath(input);
  return normalized ? normalized : undefined;
}

const BAD_REF_CHARS = /[\0-\x20\x7f~^:?*[\\]/;

/** A subset of `git check-ref-format` for branch and tag names. */
export function isValidRefName(name: string): boolean {
  if (name === '' || name === '@' || name.length > 255) return false;
  if (BAD_REF_CHARS.test(name)) return false;
  if (name.includes('..') || name.includes('@{') || name.includes('//')) {
    return false;
  }
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) {
    return false;
  }
  if (name.startsWith('-')) return false;
  return name
    .split('/')
    .every(part => !part.startsWith('.') && !part.endsWith('.lock'));
}

const NAME_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/**
 * Repository full names: `owner/repo` for GitHub, `group/sub/project` for
 * GitLab. Each segment is a plain name.
 */
export function isValidRepositoryName(name: string): boolean {
  const segments = name.split('/');
  if (segments.length < 2) return false;
  return segments.every(
    segment =>
      NAME_SEGMENT.test(segment) &&
      segment !== '.' &&
      segment !== '..' &&
      !segment.endsWith('.git'),
  );
}
