import { createHash } from 'node:crypto';

/**
 * A small seeded pseudo-random generator (sfc32): the same seed gives the
 * same sequence on every platform and Node version, unlike Math.random.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number | string) {
    const digest = createHash('sha256').update(String(seed)).digest();
    this.#a = digest.readUInt32LE(0);
    this.#b = digest.readUInt32LE(4);
    this.#c = digest.readUInt32LE(8);
    this.#d = digest.readUInt32LE(12) | 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A derived generator, independent of how much of this one is used later. */
  fork(label: string | number): Random {
    return new Random(`${this.#a}:${this.#b}:${this.#c}:${this.#d}:${label}`);
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One key, drawn with the given weights. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** `count` distinct integers in [0, size), in drawing order. */
  sample(size: number, count: number): number[] {
    const n = Math.min(size, count);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(this.next() * size));
    return [...chosen];
  }

  /** Incompressible bytes (binaries). */
  bytes(length: number): Buffer {
    const buffer = Buffer.alloc(length);
    let i = 0;
    for (; i + 4 <= length; i += 4) buffer.writeUInt32LE(this.uint32(), i);
    for (; i < length; i++) buffer[i] = this.uint32() & 0xff;
    return buffer;
  }
}
