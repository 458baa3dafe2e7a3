/** Seeded randomness: every iteration draws from its own generator, so any one can be replayed alone. */

/** A generator of floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: small, fast, good enough for fuzzing. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator of iteration `n` of `target` under `seed`. */
export function iterationRng(seed: number, target: string, n: number): Rng {
  let h = 2166136261 ^ seed;
  for (const c of `${target}:${n}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return mulberry32(h);
}

/** Helpers over an Rng. */
export class Draw {
  readonly next: Rng;

  constructor(next: Rng) {
    this.next = next;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi], skewed towards small values (sizes, depths). */
  size(lo: number, hi: number): number {
    const r = this.next();
    return lo + Math.floor((hi - lo + 1) * r * r * r);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A string of random code units (surrogate halves, NUL and controls included). */
  junk(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) {
      const r = this.next();
      s += String.fromCharCode(r < 0.6 ? 0x20 + this.int(0x5f) : r < 0.8 ? this.int(0x20) : r < 0.95 ? 0x4e00 + this.int(0x5000) : 0xd800 + this.int(0x800));
    }
    return s;
  }
}
