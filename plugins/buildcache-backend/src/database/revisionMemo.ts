import type { Clock } from './clock';

/** How a {@link RevisionMemo} keeps values. */
export interface RevisionMemoOptions {
  /** Values computed longer ago than this are computed again (ms). */
  maxAgeMs: number;
  /** The most values kept; the least recently used one goes first. */
  maxEntries: number;
}

interface Entry {
  revision: number;
  computedAt: number;
  value: Promise<unknown>;
}

/**
 * Values computed from the stored state at a data revision
 * (dataRevision.ts), kept per key while the revision stays the same and for
 * at most `maxAgeMs` (views that also depend on the time, such as a trend
 * window, move on). Callers asking for the same key and revision while the
 * value is being computed share that computation; a computation that fails
 * is not kept.
 */
export class RevisionMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: RevisionMemoOptions,
    private readonly now: Clock,
  ) {}

  /** Each key holds one kind of value: the caller's `T` for that key. */
  get<T>(key: string, revision: number, compute: () => Promise<T>): Promise<T> {
    const now = this.now().getTime();
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (
      entry &&
      entry.revision === revision &&
      now - entry.computedAt < this.options.maxAgeMs
    ) {
      this.entries.set(key, entry); // now the most recently used
      return entry.value as Promise<T>;
    }
    const value = compute();
    const fresh: Entry = { revision, computedAt: now, value };
    this.entries.set(key, fresh);
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }
}
