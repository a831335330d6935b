/** Default size limit for one analyzed file. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** Why a file was skipped (reported as BC9002). @public */
export type SkipReason =
  | 'empty'
  | 'too-large'
  | 'too-many-files'
  | 'binary'
  | 'not-utf8'
  | 'symlink-outside-root'
  | 'nesting-limit'
  | 'alias-limit'
  | 'unreadable';

/** A file that was found but not analyzed. @public */
export interface SkippedFile {
  path: string;
  reason: SkipReason;
  detail?: string;
}

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; reason: SkipReason; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes as UTF-8 text, or says why it must be skipped. */
export function decodeFileContent(
  content: Buffer,
  maxBytes: number,
): DecodeResult {
  if (content.length > maxBytes) {
    return {
      ok: false,
      reason: 'too-large',
      detail: `is larger than the ${maxBytes}-byte limit`,
    };
  }
  const probe = content.subarray(0, 8192);
  if (probe.includes(0)) {
    return {
      ok: false,
      reason: 'binary',
      detail: 'is binary (contains NUL bytes)',
    };
  }
  let text: string;
  try {
    text = utf8.decode(content);
  } catch {
    return { ok: false, reason: 'not-utf8', detail: 'is not valid UTF-8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    return { ok: false, reason: 'empty', detail: 'is empty' };
  }
  return { ok: true, text };
}

export function describeSkip(reason: SkipReason): string {
  switch (reason) {
    case 'empty':
      return 'it is empty (or only comments and whitespace)';
    case 'too-large':
      return 'it is too large';
    case 'too-many-files':
      return 'the repository has more build files than the scan limit';
    case 'binary':
      return 'it is binary';
    case 'not-utf8':
      return 'it is not valid UTF-8';
    case 'symlink-outside-root':
      return 'it is a symlink leading outside the repository';
    case 'nesting-limit':
      return 'it is nested too deeply';
    case 'alias-limit':
      return 'it uses too many YAML aliases';
    default:
      return 'it could not be read';
  }
}
