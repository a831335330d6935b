import { Worker } from 'node:worker_threads';
import type { RepoFile } from '../input/repoFile';
import type {
  AnalysisRequest,
  AnalysisResponse,
  WorkerAnalysis,
  WorkerAnalyzeOptions,
} from './analysisRequest';

interface Task {
  id: number;
  request: AnalysisRequest;
  resolve(analysis: WorkerAnalysis): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

/**
 * What a worker thread runs: this package's entry (src/index.ts in the
 * repository, compiled code once built), and in the repository the
 * TypeScript transform first unless the process already loaded it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
require(workerData.entry).serveAnalysisWorker(parentPort);
`;

function workerData() {
  const entry = require.resolve('@buildcache/plugin-buildcache-node');
  const loaded = process.execArgv.some(a => a.includes('nodeTransform'));
  let transform: string | null = null;
  if (entry.endsWith('.ts') && !loaded)
    transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
  return { entry, transform };
}

/**
 * Analyses of repositories on worker threads: analyzeRepository (every fix
 * verified) and its combined fixes, off the calling thread, at most `size`
 * at once; further requests wait in order. Workers start when first
 * needed; one that dies fails the request it had and is replaced for the
 * next. Only built-in rules run there (see WorkerAnalyzeOptions).
 * @public
 */
export class AnalysisPool {
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: { size: number }) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new Error(
        `analysis workers: expected a whole number >= 1, got ${options.size}`,
      );
    this.#size = options.size;
  }

  /** The analysis of `files`, made on a worker thread. */
  analyze(
    files: RepoFile[],
    options: WorkerAnalyzeOptions,
  ): Promise<WorkerAnalysis> {
    if (this.#closed)
      return Promise.reject(new Error('the analysis pool is closed'));
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#queue.push({
        id,
        request: { id, files, options },
        resolve,
        reject,
      });
      this.#dispatch();
    });
  }

  /** Stops the workers; requests not answered yet fail. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0))
      task.reject(new Error('the analysis pool is closed'));
    await Promise.all(this.#slots.map(slot => slot.worker.terminate()));
  }

  #dispatch() {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find(s => s.task === null);
      if (!slot && this.#slots.length < this.#size) slot = this.#spawn();
      if (!slot) return;
      const task = this.#queue.shift()!;
      slot.task = task;
      // a busy worker keeps the process alive, an idle one does not
      slot.worker.ref();
      slot.worker.postMessage(task.request);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: workerData(),
    });
    const slot: Slot = { worker, task: null };
    worker.on('message', (response: AnalysisResponse) => {
      const task = slot.task;
      slot.task = null;
      worker.unref();
      if (task && task.id === response.id) {
        if ('error' in response) task.reject(new Error(response.error));
        else task.resolve(response.analysis);
      }
      this.#dispatch();
    });
    worker.on('error', (error: unknown) =>
      this.#lose(
        slot,
        error instanceof Error ? error : new Error(String(error)),
      ),
    );
    worker.on('exit', code =>
      this.#lose(slot, new Error(`analysis worker exited with code ${code}`)),
    );
    this.#slots.push(slot);
    return slot;
  }

  #lose(slot: Slot, error: Error) {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    slot.task?.reject(error);
    slot.task = null;
    if (!this.#closed) this.#dispatch();
  }
}
