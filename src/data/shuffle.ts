/** Counter-based pseudo-random numbers: the same (seed, stream, index) always gives the same value, so a run can resume mid-way. */

/** A 32-bit hash of integers (murmur3's finaliser over a running mix); uniform enough for shuffling and seeds. */
export function mix32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A permutation of 0…count−1 determined by `seed` (Fisher–Yates drawing from {@link mix32}). */
export function shuffledIndices(count: number, seed: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor((mix32(seed, i) / 4294967296) * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
