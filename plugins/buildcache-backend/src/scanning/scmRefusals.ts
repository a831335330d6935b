import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

/**
 * The wait-related headers of a refused SCM response (429, 403, 5xx).
 * Backstage's URL readers turn such a response into an error that keeps
 * only the status, so these are read on the way in, from Node's
 * diagnostics channels: `http.client.response.finish` for the GitHub reader
 * (node-fetch over node:http) and `undici:request:headers` for the GitLab
 * reader (the global fetch). Nothing is sent or changed, and only the
 * headers below are kept (never a token or a body).
 */
export interface Refusal {
  status: number;
  /** `Retry-After`: seconds or an HTTP date. */
  retryAfter?: string;
  /** `x-ratelimit-remaining` (GitHub) or `ratelimit-remaining` (GitLab). */
  remaining?: string;
  /** `x-ratelimit-reset` / `ratelimit-reset`: epoch seconds. */
  reset?: string;
  /** When it was seen (epoch ms). */
  at: number;
}

/** Refusals kept, the newest per host and status (oldest dropped first). */
const MAX_KEPT = 256;
const refusals = new Map<string, Refusal>();
let observing = false;

const isRefusal = (status: number) =>
  status === 403 || status === 429 || status >= 500;

function keep(
  origin: string,
  status: number,
  header: (name: string) => unknown,
) {
  if (!isRefusal(status)) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return;
  }
  const text = (...names: string[]) => {
    for (const name of names) {
      const value = header(name);
      if (value !== undefined && value !== null) return String(value);
    }
    return undefined;
  };
  const key = `${host} ${status}`;
  refusals.delete(key);
  refusals.set(key, {
    status,
    retryAfter: text('retry-after'),
    remaining: text('x-ratelimit-remaining', 'ratelimit-remaining'),
    reset: text('x-ratelimit-reset', 'ratelimit-reset'),
    at: Date.now(),
  });
  if (refusals.size > MAX_KEPT) {
    refusals.delete(refusals.keys().next().value!);
  }
}

/** Starts reading refusals (once per process; later calls do nothing). */
export function observeScmRefusals(): void {
  if (observing) return;
  observing = true;
  subscribe('http.client.response.finish', message => {
    const { request, response } = message as {
      request: ClientRequest;
      response: IncomingMessage;
    };
    const port = request.socket?.remotePort;
    keep(
      `${request.protocol}//${request.host}${port ? `:${port}` : ''}`,
      response.statusCode ?? 0,
      name => response.headers[name],
    );
  });
  subscribe('undici:request:headers', message => {
    const { request, response } = message as {
      request: { origin?: unknown };
      response: { statusCode: number; headers: Array<Buffer | string> };
    };
    const headers = new Map<string, string>();
    for (let i = 0; i + 1 < response.headers.length; i += 2) {
      headers.set(
        String(response.headers[i]).toLowerCase(),
        String(response.headers[i + 1]),
      );
    }
    keep(String(request.origin), response.statusCode, name =>
      headers.get(name),
    );
  });
}

/**
 * The newest refusal with `status` from `host` (as in `new URL(u).host`)
 * seen at or after `since` (epoch ms), if any.
 */
export function recentRefusal(
  host: string,
  status: number,
  since: number,
): Refusal | undefined {
  const refusal = refusals.get(`${host} ${status}`);
  return refusal && refusal.at >= since ? refusal : undefined;
}
