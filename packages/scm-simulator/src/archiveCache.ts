import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface ArchiveCacheOptions {
  /**
   * Keep built archives in this folder (one file each) instead of memory:
   * for benchmarks whose archives add up to gigabytes. The folder is created
   * if needed; its files are not removed by the simulator.
   */
  directory?: string;
  /** In-memory budget when there is no directory (default 256 MiB). */
  maxBytes?: number;
}

/**
 * Built tarballs by key (commit, top folder, path, format). An archive of a
 * commit never changes, so once built it is served as is: benchmarks then
 * measure the scanner, not the simulator's gzip. Concurrent requests for one
 * archive share one build. In memory the least recently used archives go
 * first once `maxBytes` is exceeded; in a directory nothing is evicted.
 */
export class ArchiveCache {
  readonly #memory = new Map<string, Buffer>();
  readonly #onDisk = new Map<string, string>();
  readonly #building = new Map<string, Promise<Buffer>>();
  #bytes = 0;
  #hits = 0;
  #builds = 0;
  readonly #directory: string | undefined;
  readonly #maxBytes: number;

  constructor(options: ArchiveCacheOptions = {}) {
    this.#directory = options.directory;
    this.#maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  }

  get stats() {
    return {
      hits: this.#hits,
      builds: this.#builds,
      entries: this.#memory.size + this.#onDisk.size,
    };
  }

  async get(key: string, build: () => Promise<Buffer>): Promise<Buffer> {
    const cached = await this.#lookup(key);
    if (cached) {
      this.#hits += 1;
      return cached;
    }
    const pending = this.#building.get(key);
    if (pending) return pending;
    const promise = (async () => {
      this.#builds += 1;
      const body = await build();
      await this.#store(key, body);
      return body;
    })();
    this.#building.set(key, promise);
    try {
      return await promise;
    } finally {
      this.#building.delete(key);
    }
  }

  async #lookup(key: string): Promise<Buffer | undefined> {
    const file = this.#onDisk.get(key);
    if (file) return fs.readFile(file);
    const body = this.#memory.get(key);
    if (body) {
      // most recently used last
      this.#memory.delete(key);
      this.#memory.set(key, body);
    }
    return body;
  }

  async #store(key: string, body: Buffer): Promise<void> {
    if (this.#directory) {
      await fs.mkdir(this.#directory, { recursive: true });
      const file = path.join(
        this.#directory,
        `${createHash('sha1').update(key).digest('hex')}.archive`,
      );
      await fs.writeFile(file, body);
      this.#onDisk.set(key, file);
      return;
    }
    if (body.length > this.#maxBytes) return;
    this.#memory.set(key, body);
    this.#bytes += body.length;
    for (const [oldKey, old] of this.#memory) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#memory.delete(oldKey);
      this.#bytes -= old.length;
    }
  }
}
