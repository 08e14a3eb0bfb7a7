/** A small, fast, seeded pseudo-random generator (sfc32) and the draws that demo data and noisy search queries need. */

/** Mixes numbers into one 32-bit seed (murmur3 finaliser per step), so (seed, i) streams are independent. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // parts above 2^32 (large seeds) still count
    if (p > 0xffffffff) h = Math.imul(h ^ Math.floor(p / 0x100000000), 0x27d4eb2f);
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; `weights` are parallel to `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** A money amount in yuan as text with 2 decimals, log-uniform between min and max yuan. */
  money(min: number, max: number, roundTo = 0): string {
    const yuan = Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
    if (roundTo > 0) return `${Math.max(roundTo, Math.round(yuan / roundTo) * roundTo)}.00`;
    const fen = Math.max(1, Math.round(yuan * 100));
    return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  }
}
