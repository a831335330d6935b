import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  type GithubCredentialsProvider,
  type ScmIntegrationRegistry,
} from '@backstage/integration';
import { createHash } from 'node:crypto';

/**
 * Paces repository reads by an SCM's API budget. `acquire` resolves when a
 * read may start (possibly much later) and returns the function to call once
 * the read's requests are done.
 */
export interface ReadBudget {
  acquire(url: string): Promise<() => void>;
  /** The read of `url` was refused by the rate limit: recount before the next one. */
  rateLimited(url: string): void;
  /** A scan cycle starts: count afresh (the budget may have been spent since). */
  startCycle?(): void;
}

export interface GithubRateBudgetOptions {
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  /** Share of the limit left to other clients of the same token (default 0.02). */
  reserveFraction?: number;
  /** Below this share of the limit, reads are spread evenly until the reset (default 0.2). */
  paceBelowFraction?: number;
  /** Re-read the budget after this many reads (default 50) … */
  checkEveryReads?: number;
  /** … or after this long (default 30 s). */
  checkEveryMs?: number;
  credentials?: GithubCredentialsProvider;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Budget {
  host: string;
  apiBaseUrl: string;
  /** False when the server has no rate limit (GitHub Enterprise can disable it). */
  enabled: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the budget refills. */
  resetAt: number;
  checkedAt: number;
  /** Reads started since the last check, and in flight at that check. */
  readsSinceCheck: number;
  inFlightAtCheck: number;
  inFlight: number;
  /** Requests one read costs, learned from consecutive checks. */
  costPerRead: number;
  nextSlotAt: number;
  /** True right after a check, until the next read starts. */
  confirmed: boolean;
  refreshing: Promise<void> | undefined;
  pausedUntil: number;
}

const RATE_LIMITED = /rate limit exceeded|\b429\b/i;

/** True for the errors Backstage's readers throw when the rate limit refused a request. */
export function isRateLimitError(error: unknown): boolean {
  return error instanceof Error && RATE_LIMITED.test(error.message);
}

/**
 * Keeps scans of GitHub repositories within the token's REST budget.
 * Backstage's GitHub URL reader does not expose response headers, so the
 * budget is read from `GET /rate_limit` (free: it does not count against the
 * limit) before the first read, every `checkEveryReads` reads or
 * `checkEveryMs`, and whenever the local estimate runs low. Between checks
 * the remaining budget is estimated from the reads started, at the cost per
 * read seen so far (two requests for a changed repository, one for an
 * unchanged one, plus whatever else uses the token).
 *
 * Above `paceBelowFraction` of the limit reads run at full speed; below it
 * they are spread so the rest lasts until the reset; at the reserve they
 * wait for the reset. Scans therefore slow down instead of failing with 403,
 * and leave the reserve to the other users of the token (catalog, tickets).
 * Budgets are kept per host and token (GitHub App installations included).
 * A server without rate limiting (404 on /rate_limit) is not paced.
 */
export class GithubRateBudget implements ReadBudget {
  readonly #budgets = new Map<string, Budget>();
  readonly #credentials: GithubCredentialsProvider;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #logger: LoggerService;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #reserveFraction: number;
  readonly #paceBelowFraction: number;
  readonly #checkEveryReads: number;
  readonly #checkEveryMs: number;

  constructor(options: GithubRateBudgetOptions) {
    this.#integrations = options.integrations;
    this.#logger = options.logger;
    this.#credentials =
      options.credentials ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
    this.#sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    this.#reserveFraction = options.reserveFraction ?? 0.02;
    this.#paceBelowFraction = options.paceBelowFraction ?? 0.2;
    this.#checkEveryReads = options.checkEveryReads ?? 50;
    this.#checkEveryMs = options.checkEveryMs ?? 30_000;
  }

  async acquire(url: string): Promise<() => void> {
    const found = await this.#budgetFor(url);
    if (!found) return () => {};
    const { budget, headers } = found;
    for (;;) {
      const now = this.#now();
      if (this.#stale(budget, now)) await this.#refresh(budget, headers);
      if (!budget.enabled) break;
      // plus one request per read in flight: the estimate counts a read's
      // cost when it starts, and a read can spend more than the average
      const reserve =
        Math.max(1, Math.ceil(budget.limit * this.#reserveFraction)) +
        budget.inFlight;
      const estimate = this.#estimate(budget);
      if (estimate - budget.costPerRead < reserve) {
        if (!budget.confirmed) {
          // an estimate: count again before pausing
          await this.#refresh(budget, headers);
          continue;
        }
        await this.#pauseUntilReset(budget);
        budget.checkedAt = -Infinity;
        budget.confirmed = false;
        continue;
      }
      if (estimate < budget.limit * this.#paceBelowFraction) {
        const interval =
          (budget.costPerRead * Math.max(0, budget.resetAt - now)) /
          Math.max(1, estimate - reserve);
        const slot = Math.max(now, budget.nextSlotAt);
        budget.nextSlotAt = slot + interval;
        if (slot > now) await this.#sleep(slot - now);
      }
      break;
    }
    budget.readsSinceCheck += 1;
    budget.inFlight += 1;
    budget.confirmed = false;
    let released = false;
    return () => {
      if (!released) budget.inFlight -= 1;
      released = true;
    };
  }

  startCycle(): void {
    for (const budget of this.#budgets.values()) {
      budget.checkedAt = -Infinity;
      budget.confirmed = false;
    }
  }

  rateLimited(url: string): void {
    const integration = this.#integrations.github.byUrl(url);
    if (!integration) return;
    for (const budget of this.#budgets.values()) {
      if (budget.host === integration.config.host) {
        budget.remaining = 0;
        budget.checkedAt = -Infinity;
        budget.confirmed = false;
      }
    }
  }

  async #budgetFor(
    url: string,
  ): Promise<{ budget: Budget; headers: Record<string, string> } | undefined> {
    const integration = this.#integrations.github.byUrl(url);
    if (!integration) return undefined;
    const { headers = {}, token } = await this.#credentials.getCredentials({
      url,
    });
    const key = `${integration.config.host}:${
      token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : ''
    }`;
    let budget = this.#budgets.get(key);
    if (!budget) {
      budget = {
        host: integration.config.host,
        apiBaseUrl:
          integration.config.apiBaseUrl ?? `https://${integration.config.host}`,
        enabled: true,
        limit: 0,
        remaining: 0,
        resetAt: 0,
        checkedAt: -Infinity,
        readsSinceCheck: 0,
        inFlightAtCheck: 0,
        inFlight: 0,
        costPerRead: 2,
        nextSlotAt: 0,
        confirmed: false,
        refreshing: undefined,
        pausedUntil: 0,
      };
      this.#budgets.set(key, budget);
    }
    return { budget, headers };
  }

  #estimate(budget: Budget): number {
    return (
      budget.remaining -
      budget.costPerRead * (budget.readsSinceCheck + budget.inFlightAtCheck)
    );
  }

  #stale(budget: Budget, now: number): boolean {
    if (!budget.enabled) return now - budget.checkedAt > 60_000;
    return (
      now - budget.checkedAt > this.#checkEveryMs ||
      now >= budget.resetAt ||
      budget.readsSinceCheck >= this.#checkEveryReads ||
      // low: count more often
      (this.#estimate(budget) < budget.limit * this.#paceBelowFraction &&
        budget.readsSinceCheck >= 10)
    );
  }

  #refresh(budget: Budget, headers: Record<string, string>): Promise<void> {
    if (!budget.refreshing) {
      budget.refreshing = this.#check(budget, headers).finally(() => {
        budget.refreshing = undefined;
      });
    }
    return budget.refreshing;
  }

  async #check(budget: Budget, headers: Record<string, string>) {
    const reads = budget.readsSinceCheck;
    const sameWindow = budget.resetAt;
    try {
      const response = await this.#fetch(`${budget.apiBaseUrl}/rate_limit`, {
        headers: { ...headers, accept: 'application/vnd.github+json' },
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 404) {
        // GitHub Enterprise with rate limiting disabled
        budget.enabled = false;
        budget.checkedAt = this.#now();
        budget.confirmed = true;
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as {
        resources?: {
          core?: { limit: number; remaining: number; reset: number };
        };
        rate?: { limit: number; remaining: number; reset: number };
      };
      const core = body.resources?.core ?? body.rate;
      if (!core) throw new Error('no core budget in the answer');
      const resetAt = core.reset * 1000;
      if (reads >= 5 && resetAt === sameWindow) {
        const spent = budget.remaining - core.remaining;
        const observed = Math.min(4, Math.max(1, spent / reads));
        budget.costPerRead = 0.25 * budget.costPerRead + 0.75 * observed;
      }
      budget.enabled = true;
      budget.limit = core.limit;
      budget.remaining = core.remaining;
      budget.resetAt = resetAt;
    } catch (error) {
      // Unknown budget: no pacing until the next check, a minute later (a
      // refused read still makes the next one wait for the reset).
      this.#logger.debug(
        `Could not read the rate limit of ${budget.host}: ${String(error)}`,
      );
      budget.enabled = false;
    }
    budget.checkedAt = this.#now();
    budget.readsSinceCheck = 0;
    budget.inFlightAtCheck = budget.inFlight;
    budget.confirmed = true;
  }

  async #pauseUntilReset(budget: Budget) {
    const now = this.#now();
    const until = Math.max(budget.resetAt, now) + 1000;
    if (budget.pausedUntil !== until) {
      budget.pausedUntil = until;
      this.#logger.warn(
        `GitHub rate limit budget of ${budget.host} nearly spent (${
          budget.remaining
        } of ${
          budget.limit
        } left): scans wait until it is refilled at ${new Date(
          until,
        ).toISOString()}`,
      );
    }
    await this.#sleep(until - now);
  }
}
