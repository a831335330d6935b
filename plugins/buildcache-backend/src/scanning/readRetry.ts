import { isError } from '@backstage/errors';
import {
  networkFailure,
  numericHeader,
  parseRetryAfter,
  type RetryOptions,
} from '../tickets/providers/remoteCall';
import { isRateLimitError } from './githubRateBudget';
import { recentRefusal } from './scmRefusals';

/**
 * The retry policy of repository reads (lookup and archive download through
 * Backstage's URL readers): 5xx answers, network failures (reset, refused,
 * a download cut short) and rate limits (429, or a 403 carrying Retry-After
 * or a spent rate-limit window) are tried again after a wait; anything else
 * (401, 403, 404, a read timeout, a corrupt archive) fails at once.
 *
 * The wait is what the SCM asked for (`Retry-After`, seconds or an HTTP
 * date, else the rate-limit reset), or else exponential backoff with jitter:
 * `baseDelayMs × 2^retry` plus up to `baseDelayMs` more. A retry is given
 * up, and the last error thrown with the reason, once `retries` are spent,
 * when the wait would be longer than `maxDelayMs`, or when it would end past
 * the read's deadline (its read timeout). The options are those of the
 * trackers' policy (remoteCall.ts), with the defaults below.
 */
export interface ReadRetryOptions extends RetryOptions {
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
}

/** A failed read worth trying again, and the wait the SCM asked for. */
export interface TransientReadFailure {
  kind: 'server' | 'network' | 'rate-limit';
  status?: number;
  /** Milliseconds the SCM asked to wait (Retry-After or its rate-limit reset). */
  askedMs?: number;
  /** The rate limit is the token's whole budget (x-ratelimit-remaining: 0). */
  budgetSpent?: boolean;
}

export const DEFAULT_READ_RETRIES = 3;
export const DEFAULT_READ_BASE_DELAY_MS = 1_000;
export const DEFAULT_READ_MAX_DELAY_MS = 60_000;
/** Added to a rate-limit reset time, for clock skew. */
const RESET_MARGIN_MS = 1_000;

/**
 * Failures of a download cut short, beyond the connection errors
 * networkFailure knows: the body stream closed early, or the gzip stream
 * ended before its end.
 */
const CUT_SHORT = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'Z_BUF_ERROR']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let current: unknown = error, depth = 0;
    isError(current) && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** The HTTP status of a reader's error: a property, or `…, 503 Service Unavailable`. */
function statusOf(error: Error): number | undefined {
  const { status, statusCode, response } = error as {
    status?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
  };
  for (const value of [response?.status, status, statusCode]) {
    if (typeof value === 'number') return value;
  }
  const matches = [...error.message.matchAll(/, ([1-5]\d\d)(?= |$)/g)];
  return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
}

/** Hosts of the URLs an error message names (the readers name the request). */
function hostsIn(message: string): string[] {
  const hosts: string[] = [];
  for (const [url] of message.matchAll(/https?:\/\/[^\s,]+/g)) {
    try {
      hosts.push(new URL(url).host);
    } catch {
      // not a URL after all
    }
  }
  return hosts;
}

/**
 * Reads a failed read's error. `since` is when the attempt started: only
 * refusals seen after it say how long to wait. Undefined: do not retry.
 */
export function classifyReadFailure(
  error: unknown,
  since: number,
  nowMs: number = Date.now(),
): TransientReadFailure | undefined {
  if (!isError(error)) return undefined;
  const status = statusOf(error);
  if (status === undefined) {
    const codes = codesOf(error);
    return networkFailure(error) !== undefined ||
      codes.some(code => CUT_SHORT.has(code))
      ? { kind: 'network' }
      : undefined;
  }
  const refusal = hostsIn(error.message)
    .map(host => recentRefusal(host, status, since))
    .find(Boolean);
  const retryAfter = parseRetryAfter(refusal?.retryAfter, nowMs);
  const reset = numericHeader(refusal?.reset);
  const budgetSpent = refusal?.remaining === '0';
  const rateLimited =
    status === 429 ||
    (status === 403 &&
      (retryAfter !== undefined || budgetSpent || isRateLimitError(error)));
  if (!rateLimited && status < 500) return undefined;
  let askedMs: number | undefined;
  if (retryAfter !== undefined) askedMs = retryAfter * 1000;
  else if (reset !== undefined && (rateLimited || budgetSpent)) {
    askedMs = Math.max(0, reset * 1000 - nowMs) + RESET_MARGIN_MS;
  }
  return {
    kind: rateLimited ? 'rate-limit' : 'server',
    status,
    ...(askedMs !== undefined && { askedMs }),
    ...(budgetSpent && { budgetSpent }),
  };
}

function formatWait(ms: number): string {
  return ms < 120_000
    ? `${Math.ceil(ms / 1000)} s`
    : `${Math.ceil(ms / 60_000)} min`;
}

function giveUp(error: unknown, why: string): Error {
  if (!isError(error)) return new Error(`${String(error)} (${why})`);
  (error as { message: string }).message = `${error.message} (${why})`;
  return error as Error;
}

/**
 * Runs `read` until it succeeds, retrying transient failures (as
 * `classify` reads them) under the policy above. `onRetry` hears of each
 * retry before its wait.
 */
export async function retryRead<T>(
  read: (attempt: number) => Promise<T>,
  options: ReadRetryOptions & {
    /** Epoch ms a retry's wait must end before (the read timeout). */
    deadline: () => number;
    classify?: (
      error: unknown,
      since: number,
      nowMs: number,
    ) => TransientReadFailure | undefined;
    onRetry?: (
      failure: TransientReadFailure,
      waitMs: number,
      error: unknown,
    ) => void;
  },
): Promise<T> {
  const retries = options.retries ?? DEFAULT_READ_RETRIES;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_READ_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_READ_MAX_DELAY_MS;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)));
  const classify = options.classify ?? classifyReadFailure;

  for (let attempt = 1; ; attempt++) {
    const started = now();
    try {
      return await read(attempt);
    } catch (error) {
      const failure = classify(error, started, now());
      if (!failure) throw error;
      const waitMs =
        failure.askedMs ??
        Math.min(
          maxDelayMs,
          baseDelayMs * 2 ** (attempt - 1) + Math.floor(random() * baseDelayMs),
        );
      const wait = `${
        failure.askedMs !== undefined
          ? 'the SCM asks to wait'
          : 'the next retry would wait'
      } ${formatWait(waitMs)}`;
      let why: string | undefined;
      if (attempt > retries) why = 'no retries left';
      else if (waitMs > maxDelayMs)
        why = `${wait}, longer than ${formatWait(maxDelayMs)}`;
      else if (now() + waitMs >= options.deadline())
        why = `${wait}, past the read timeout`;
      if (why) {
        throw giveUp(
          error,
          attempt > 1
            ? `gave up after ${attempt} attempts: ${why}`
            : `not retried: ${why}`,
        );
      }
      options.onRetry?.(failure, waitMs, error);
      await sleep(waitMs);
    }
  }
}
