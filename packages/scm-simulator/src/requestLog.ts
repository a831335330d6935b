import { Platform } from './http/request';

export interface RequestLogEntry {
  method: string;
  /** Path and query as received. */
  path: string;
  /** 0 when a fault dropped the connection. */
  status: number;
  platform: Platform;
  /** True when a queued fault answered instead of the API. */
  fault: boolean;
  /** When the request arrived (epoch ms). */
  receivedAt: number;
  durationMs: number;
  /** The message of an unexpected error (answered 500). */
  error?: string;
}

/** The most recent requests, oldest first, bounded in size. */
export class RequestLog {
  #entries: RequestLogEntry[] = [];

  constructor(private readonly limit = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) {
      this.#entries.splice(0, this.#entries.length - this.limit);
    }
  }

  entries(): RequestLogEntry[] {
    return this.#entries.map(e => ({ ...e }));
  }

  clear(): void {
    this.#entries = [];
  }
}
