/**
 * The one retry and error policy for every tracker provider. A provider wraps
 * each remote request in `callRemote`, with a `classify` function that reads
 * its client library's error into a `RemoteFailure`; this module decides
 * whether to wait and try again, how long, and which @backstage/errors error
 * to throw in the end. The client libraries' own retry logic stays off, so
 * there is exactly one policy.
 */
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** A failed remote request, as read from a client library's error. */
export interface RemoteFailure {
  /** HTTP status; absent when no response came back. */
  status?: number;
  /** The wait the remote asked for (Retry-After), in seconds. */
  retryAfterSeconds?: number;
  /**
   * When a spent rate-limit window resets, in epoch seconds (GitHub's
   * `x-ratelimit-reset` when `x-ratelimit-remaining` is 0, GitLab's
   * `RateLimit-Reset` on a 429). On a 403 this, like `retryAfterSeconds`,
   * marks the 403 as a rate limit (GitHub's secondary rate limits).
   */
  rateLimitResetAt?: number;
  /** The remote's own message (validation errors included). */
  message: string;
  /** No response: connection reset or refused, DNS failure, timeout. */
  network?: boolean;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff delay; doubles per retry, plus jitter (default 500). */
  baseDelayMs?: number;
  /**
   * The longest single wait (default 60 s). A remote asking for longer
   * (Retry-After, rate-limit reset) fails at once, naming the wait.
   */
  maxDelayMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable clock (epoch ms) for rate-limit resets; tests only. */
  now?: () => number;
}

export interface CallRemoteOptions extends RetryOptions {
  classify: (error: unknown) => RemoteFailure | null;
  /** Replaces the default 404 explanation (repository/project access). */
  notFoundHint?: string;
}

const DEFAULT_RETRIES = 3;
const DEFAULT_BASE_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 60_000;
/** Added to a rate-limit reset time, for clock skew. */
const RESET_MARGIN_MS = 1_000;

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Runs `fn`, retrying 5xx, network failures and rate limits (429, or a 403
 * carrying Retry-After / a spent rate-limit window) with exponential backoff
 * and jitter, honouring the remote's requested wait. Errors `classify` does
 * not recognise (returns null) pass through untouched and are not retried.
 */
export async function callRemote<T>(
  what: string,
  fn: () => Promise<T>,
  options: CallRemoteOptions,
): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;

  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const failure = options.classify(error);
      if (!failure) {
        throw error;
      }
      const rateLimited = isRateLimit(failure);
      if (!rateLimited && !isTransient(failure)) {
        throw permanentError(what, failure, options.notFoundHint);
      }
      const askedMs = requestedWaitMs(failure, now());
      if (askedMs !== undefined && askedMs > maxDelayMs) {
        throw new ServiceUnavailableError(
          `${what} failed: ${describe(
            failure,
            rateLimited,
          )}; the server asks ` +
            `to wait ${formatWait(askedMs)}, longer than the ` +
            `${formatWait(maxDelayMs)} allowed, so it was not retried`,
        );
      }
      if (attempt >= retries) {
        const wait =
          askedMs !== undefined
            ? `; the server asks to wait ${formatWait(askedMs)}`
            : '';
        throw new ServiceUnavailableError(
          `${what} failed after ${attempt + 1} attempts: ` +
            `${describe(failure, rateLimited)}${wait}`,
        );
      }
      await sleep(askedMs ?? backoffMs(attempt, baseDelayMs, maxDelayMs));
    }
  }
}

function isRateLimit(failure: RemoteFailure): boolean {
  if (failure.status === 429) {
    return true;
  }
  return (
    failure.status === 403 &&
    (failure.retryAfterSeconds !== undefined ||
      failure.rateLimitResetAt !== undefined)
  );
}

function isTransient(failure: RemoteFailure): boolean {
  return (
    failure.network === true ||
    (failure.status !== undefined && failure.status >= 500)
  );
}

function requestedWaitMs(
  failure: RemoteFailure,
  nowMs: number,
): number | undefined {
  if (failure.retryAfterSeconds !== undefined) {
    return Math.max(0, failure.retryAfterSeconds * 1000);
  }
  if (failure.rateLimitResetAt !== undefined) {
    return (
      Math.max(0, failure.rateLimitResetAt * 1000 - nowMs) + RESET_MARGIN_MS
    );
  }
  return undefined;
}

function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  const exponential = baseMs * 2 ** attempt;
  const jitter = Math.floor(Math.random() * baseMs);
  return Math.min(maxMs, exponential + jitter);
}

function describe(failure: RemoteFailure, rateLimited: boolean): string {
  if (rateLimited) {
    return `rate limited (HTTP ${failure.status}: ${failure.message})`;
  }
  if (failure.status === undefined || failure.network) {
    return `network error (${failure.message})`;
  }
  return `the server is unavailable (HTTP ${failure.status}: ${failure.message})`;
}

function permanentError(
  what: string,
  failure: RemoteFailure,
  notFoundHint?: string,
): Error {
  const { status, message } = failure;
  const detail = `(HTTP ${status}: ${message})`;
  switch (status) {
    case 401:
      return new AuthenticationError(
        `${what} failed: the server rejected the credentials ${detail}; ` +
          'check the token in the integration config',
      );
    case 403:
      return new NotAllowedError(
        `${what} failed: the credentials are not allowed to do this ${detail}`,
      );
    case 404:
    case 410:
      return new NotFoundError(
        `${what} failed: not found ${detail}; ${
          notFoundHint ??
          'the repository or project may not exist, or the token cannot reach it'
        }`,
      );
    case 409:
      return new ConflictError(`${what} failed: conflict ${detail}`);
    default:
      return new InputError(
        `${what} failed: the server rejected the request ${detail}`,
      );
  }
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/**
 * Reads a Retry-After header: delay-seconds or an HTTP date. Returns seconds
 * (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** Reads a numeric header (epoch seconds, counts); undefined when absent. */
export function numericHeader(
  value: string | null | undefined,
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') {
    return undefined;
  }
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_NETWORK',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * The network failure behind an error (its own `code` or its causes'), e.g.
 * `ECONNRESET`, or `timeout` for a timed-out request; undefined otherwise.
 * Reads only own data properties, never getters (some clients log on read).
 */
export function networkFailure(error: unknown): string | undefined {
  let current: unknown = error;
  // Duck-typed, not instanceof: Node's own errors may come from another realm.
  for (
    let depth = 0;
    depth < 5 && typeof current === 'object' && current !== null;
    depth++
  ) {
    const code = ownValue(current, 'code');
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      return code;
    }
    const name =
      ownValue(current, 'name') ?? (current as { name?: unknown }).name;
    if (name === 'TimeoutError') {
      return 'timeout';
    }
    current = ownValue(current, 'cause');
  }
  return undefined;
}

function ownValue(target: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

/**
 * Flattens a remote error body into one line: GitHub `{message, errors[]}`,
 * GitLab `{message: string | string[] | {field: [..]}}` or `{error}`, Jira
 * `{errorMessages[], errors: {field: msg}}`.
 */
export function remoteMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    return body.trim() || undefined;
  }
  if (!body || typeof body !== 'object') {
    return undefined;
  }
  const record = body as Record<string, unknown>;
  const parts = [
    flatten(record.message),
    flatten(record.error),
    flatten(record.errorMessages),
    flatten(record.errors),
  ].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(': ') : undefined;
}

function flatten(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    const items = value.map(flatten).filter(Boolean);
    return items.length ? items.join('; ') : undefined;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.message === 'string') {
      return record.message;
    }
    if (typeof record.field === 'string' || typeof record.code === 'string') {
      // GitHub validation entries: {resource, field, code}.
      return [record.resource, record.field, record.code]
        .filter(Boolean)
        .join(' ');
    }
    const entries = Object.entries(record)
      .map(([key, inner]) => {
        const text = flatten(inner);
        return text ? `${key} ${text}` : undefined;
      })
      .filter(Boolean);
    return entries.length ? entries.join('; ') : undefined;
  }
  return String(value);
}
