/** A canned answer (or a dropped connection) for the next matching request. */
export interface FaultSpec {
  /** Only requests with this method (any when unset). */
  method?: string;
  /**
   * Only requests whose path matches. A string is compared with the whole
   * path without the query (e.g. `/api/v3/repos/acme/app`), where `*`
   * stands for any run of characters, slashes included. A RegExp is tested
   * against the path with its query. Any path when unset.
   */
  pathPattern?: string | RegExp;
  /** Status to answer with (default 500). */
  status?: number;
  headers?: Record<string, string>;
  /**
   * Body: an object is sent as JSON, a string or Buffer as is. When unset,
   * the platform's own error body for the status is sent.
   */
  body?: unknown;
  /** How many requests this fault answers (default 1; Infinity for all). */
  times?: number;
  /** Wait this long before answering (or before dropping the connection). */
  delayMs?: number;
  /** Drop the connection without an answer (a network failure). */
  destroySocket?: boolean;
}

interface QueuedFault {
  spec: FaultSpec;
  remaining: number;
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/** First-in first-out queue of canned responses. */
export class FaultQueue {
  #queue: QueuedFault[] = [];

  /** Queues a fault; the oldest matching fault answers first. */
  next(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new Error('FaultSpec.times must be positive');
    this.#queue.push({ spec, remaining: times });
  }

  clear(): void {
    this.#queue = [];
  }

  /** How many faults are still queued. */
  pending(): number {
    return this.#queue.length;
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string, search: string): FaultSpec | undefined {
    const index = this.#queue.findIndex(({ spec }) => {
      if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) {
        return false;
      }
      const pattern = spec.pathPattern;
      if (pattern === undefined) return true;
      if (typeof pattern === 'string') return globToRegExp(pattern).test(path);
      pattern.lastIndex = 0;
      return pattern.test(`${path}${search}`);
    });
    if (index === -1) return undefined;
    const fault = this.#queue[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#queue.splice(index, 1);
    return fault.spec;
  }
}
