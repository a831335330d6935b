import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';

/**
 * The head commit of each repository of a scan cycle, when it could be
 * resolved ahead of the reads. `headOf(url)` resolves to the value the URL
 * reader's `readTree` would compare the previous ETag with, or to
 * undefined (not resolved: read as usual).
 */
export interface CycleHeads {
  headOf(url: string): Promise<string | undefined>;
}

export interface HeadLookup {
  /** Starts resolving the heads of `urls`; gives up after `timeoutMs`. */
  startCycle(urls: readonly string[], timeoutMs: number): CycleHeads;
}

/** Where one URL's head is, and which batch may ask for it. */
export interface PlannedHead<T, C> {
  host: string;
  /** URLs with the same key share batches (the endpoint and credentials). */
  batchKey: string;
  /** URLs with the same batch key and target key are asked for once. */
  targetKey: string;
  target: T;
  /** What the batch's query needs (its client), taken from its first URL. */
  context: C;
}

/** One query's worth of targets, each under its alias. */
export interface HeadBatch<T, C> {
  host: string;
  context: C;
  entries: Array<{ alias: string; target: T }>;
}

export interface BatchedCycleOptions<T, C> {
  logger: LoggerService;
  /** Targets per query. */
  batchSize: number;
  /** Queries in flight at once. */
  parallel: number;
  /** Prefix of the aliases (`r` → r0, r1, …). */
  aliasPrefix: string;
  /** Where a URL's head is; undefined leaves the URL to readTree. */
  plan(url: string): Promise<PlannedHead<T, C> | undefined>;
  /**
   * One batch's query: alias → head, empty on any doubt; `refuse(host)`
   * stops the cycle from asking that host again. Rejections count as empty.
   */
  query(
    batch: HeadBatch<T, C>,
    signal: AbortSignal,
    refuse: (host: string) => void,
  ): Promise<ReadonlyMap<string, string>>;
}

const EMPTY: ReadonlyMap<string, string> = new Map();

/**
 * Runs one cycle of batched head lookups: plans the URLs into batches (by
 * batch key, `batchSize` targets each, duplicates asked for once), runs
 * the batches' queries `parallel` at once in order, and answers each URL
 * as soon as its own batch is answered. Everything is bounded by
 * `timeoutMs` (the queries are aborted then, and unanswered URLs resolve
 * to undefined); a failed plan or query leaves its URLs to readTree.
 */
export function startBatchedCycle<T, C>(
  urls: readonly string[],
  timeoutMs: number,
  options: BatchedCycleOptions<T, C>,
): CycleHeads {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>(resolve => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(undefined);
    }, timeoutMs);
    timer.unref?.();
  });
  const started = planBatches(urls, options)
    .then(plan => {
      const answers = runBatches(plan.batches, controller.signal, options);
      void Promise.all(answers).then(() => clearTimeout(timer));
      return { plan, answers };
    })
    .catch(error => {
      clearTimeout(timer);
      options.logger.warn(
        `Could not plan the batched head lookups: ${stringifyError(error)}`,
      );
      return undefined;
    });
  return {
    headOf: async url => {
      const cycle = await Promise.race([started, deadline]);
      const placed = cycle?.plan.byUrl.get(url);
      if (!cycle || !placed) return undefined;
      const answer = await Promise.race([
        cycle.answers[placed.batch],
        deadline,
      ]);
      return answer?.get(placed.alias);
    },
  };
}

/** Groups the resolvable URLs in batches by batch key. */
async function planBatches<T, C>(
  urls: readonly string[],
  options: BatchedCycleOptions<T, C>,
) {
  const byUrl = new Map<string, { batch: number; alias: string }>();
  const batches: Array<HeadBatch<T, C>> = [];
  const open = new Map<string, number>();
  const seen = new Map<string, { batch: number; alias: string }>();
  for (const url of urls) {
    if (byUrl.has(url)) continue;
    const planned = await options.plan(url);
    if (!planned) continue;
    const key = `${planned.batchKey}\n${planned.targetKey}`;
    const known = seen.get(key);
    if (known) {
      byUrl.set(url, known);
      continue;
    }
    let index = open.get(planned.batchKey);
    if (
      index === undefined ||
      batches[index].entries.length >= options.batchSize
    ) {
      index = batches.length;
      open.set(planned.batchKey, index);
      batches.push({
        host: planned.host,
        context: planned.context,
        entries: [],
      });
    }
    const alias = `${options.aliasPrefix}${batches[index].entries.length}`;
    batches[index].entries.push({ alias, target: planned.target });
    const placed = { batch: index, alias };
    seen.set(key, placed);
    byUrl.set(url, placed);
  }
  return { byUrl, batches };
}

/** The batches' queries, `parallel` at once, in order; each answers alone. */
function runBatches<T, C>(
  batches: Array<HeadBatch<T, C>>,
  signal: AbortSignal,
  options: BatchedCycleOptions<T, C>,
): Array<Promise<ReadonlyMap<string, string>>> {
  const settle: Array<(answer: ReadonlyMap<string, string>) => void> = [];
  const answers = batches.map(
    (_, i) =>
      new Promise<ReadonlyMap<string, string>>(resolve => {
        settle[i] = resolve;
      }),
  );
  const refused = new Set<string>();
  const refuse = (host: string) => refused.add(host);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const i = next;
      next += 1;
      const batch = batches[i];
      let answer = EMPTY;
      if (!signal.aborted && !refused.has(batch.host)) {
        answer = await options.query(batch, signal, refuse).catch(() => EMPTY);
      }
      settle[i](answer);
    }
  };
  const workers = Math.min(Math.max(1, options.parallel), batches.length);
  for (let w = 0; w < workers; w++) void worker();
  return answers;
}

/**
 * Several lookups as one (GitHub's and GitLab's): each resolves only the
 * URLs of its own hosts, so a URL's head is the first one found.
 */
export function combineHeadLookups(lookups: readonly HeadLookup[]): HeadLookup {
  return {
    startCycle(urls, timeoutMs) {
      const cycles = lookups.map(l => l.startCycle(urls, timeoutMs));
      return {
        headOf: async url => {
          const heads = await Promise.all(cycles.map(c => c.headOf(url)));
          return heads.find(head => head !== undefined);
        },
      };
    },
  };
}
