export interface RateLimitOptions {
  /** Requests per window (default 1,000,000). */
  limit?: number;
  /** Window length in seconds (default 3600, GitHub's hour). */
  windowSeconds?: number;
  /** The `x-ratelimit-resource` it answers with (default `core`). */
  resource?: string;
}

export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds when the budget is refilled. */
  reset: number;
}

/**
 * The GitHub primary rate limit: one `core` budget per simulator, refilled
 * when the window ends. Tests can set the remaining budget directly.
 */
export class RateLimiter {
  #limit: number;
  #windowSeconds: number;
  #used = 0;
  #reset: number;
  readonly #resource: string;

  constructor(
    options: RateLimitOptions = {},
    private readonly nowMs: () => number = Date.now,
  ) {
    this.#limit = options.limit ?? 1_000_000;
    this.#windowSeconds = options.windowSeconds ?? 3600;
    this.#resource = options.resource ?? 'core';
    this.#reset = this.#nextReset();
  }

  #nextReset(): number {
    return Math.floor(this.nowMs() / 1000) + this.#windowSeconds;
  }

  #roll(): void {
    if (Math.floor(this.nowMs() / 1000) >= this.#reset) {
      this.#used = 0;
      this.#reset = this.#nextReset();
    }
  }

  snapshot(): RateLimitSnapshot {
    this.#roll();
    return {
      limit: this.#limit,
      remaining: Math.max(0, this.#limit - this.#used),
      used: this.#used,
      reset: this.#reset,
    };
  }

  /** Takes one request from the budget; false when it is exhausted. */
  tryConsume(): boolean {
    this.#roll();
    if (this.#used >= this.#limit) return false;
    this.#used += 1;
    return true;
  }

  /** Gives one request back (GitHub does not count 304 answers). */
  refund(): void {
    if (this.#used > 0) this.#used -= 1;
  }

  /** Changes the budget: `remaining: 0` exhausts it until the reset. */
  set(options: {
    limit?: number;
    remaining?: number;
    resetInSeconds?: number;
  }): void {
    this.#roll();
    if (options.limit !== undefined) this.#limit = options.limit;
    if (options.remaining !== undefined) {
      this.#used = Math.max(0, this.#limit - options.remaining);
    }
    if (options.resetInSeconds !== undefined) {
      this.#reset = Math.floor(this.nowMs() / 1000) + options.resetInSeconds;
    }
  }

  headers(): Record<string, string> {
    const s = this.snapshot();
    return {
      'x-ratelimit-limit': String(s.limit),
      'x-ratelimit-remaining': String(s.remaining),
      'x-ratelimit-reset': String(s.reset),
      'x-ratelimit-used': String(s.used),
      'x-ratelimit-resource': this.#resource,
    };
  }
}
