import type { RequestListener, ServerResponse } from 'node:http';

/**
 * How far away the simulated SCM is. Zero (the default) is plain loopback.
 * Benchmarks use it so that "download time" means what it means against a
 * real GitHub or GitLab: every answer waits `latencyMs` before the server
 * starts on it, and bodies are sent at no more than `bytesPerSecond` per
 * connection.
 */
export interface NetworkProfile {
  /** Delay before each request is handled (round trip plus server time). */
  latencyMs?: number;
  /** Per-response send rate; 0 = unlimited. */
  bytesPerSecond?: number;
}

const SLICE = 64 * 1024;

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** Resolves once the response can take more data, or is gone. */
function writable(res: ServerResponse): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function paced(res: ServerResponse, bytesPerSecond: number): void {
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'function' || chunk === undefined || chunk === null) {
      return end(chunk, ...rest);
    }
    const body = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(String(chunk), 'utf8');
    if (body.length <= SLICE) return end(body, ...rest);
    const started = performance.now();
    void (async () => {
      for (let offset = 0; offset < body.length; offset += SLICE) {
        if (res.destroyed) return;
        const slice = body.subarray(offset, offset + SLICE);
        const ready = write(slice);
        const due = started + ((offset + slice.length) / bytesPerSecond) * 1000;
        if (!ready) await writable(res);
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      if (!res.destroyed) end();
    })();
    return res;
  }) as ServerResponse['end'];
}

/** Applies a (changeable) network profile to a request listener. */
export class NetworkShaper {
  #latencyMs = 0;
  #bytesPerSecond = 0;

  constructor(profile: NetworkProfile = {}) {
    this.set(profile);
  }

  /** Replaces the profile; requests already being answered keep theirs. */
  set(profile: NetworkProfile): void {
    this.#latencyMs = Math.max(0, profile.latencyMs ?? 0);
    this.#bytesPerSecond = Math.max(0, profile.bytesPerSecond ?? 0);
  }

  get profile(): Required<NetworkProfile> {
    return {
      latencyMs: this.#latencyMs,
      bytesPerSecond: this.#bytesPerSecond,
    };
  }

  wrap(listener: RequestListener): RequestListener {
    return (req, res) => {
      const latencyMs = this.#latencyMs;
      const bytesPerSecond = this.#bytesPerSecond;
      if (bytesPerSecond > 0) paced(res, bytesPerSecond);
      if (latencyMs > 0) {
        setTimeout(() => listener(req, res), latencyMs);
      } else {
        listener(req, res);
      }
    };
  }
}
