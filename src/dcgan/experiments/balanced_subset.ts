import { shuffledIndices } from '../../data/shuffle';

/**
 * Indices of `count` examples with the classes as balanced as possible (count/classes each, the remainder going to
 * the lowest class ids), the first of each class in a seeded permutation: the "N labels" of semi-supervised
 * benchmarks. The indices come back sorted.
 */
export function balancedSubset(labels: ArrayLike<number>, count: number, classes: number, seed: number): number[] {
  if (!Number.isInteger(count) || count < classes)
    throw new Error(`balancedSubset: count must be an integer >= classes (${classes}) so every class is labelled, got ${count}`);
  if (!Number.isInteger(seed)) throw new Error(`balancedSubset: seed must be an integer, got ${seed}`);
  const wanted = Array.from({ length: classes }, (_, c) => Math.floor(count / classes) + (c < count % classes ? 1 : 0));
  const picked: number[] = [];
  for (const i of shuffledIndices(labels.length, seed)) {
    const c = labels[i];
    if (wanted[c] > 0) {
      wanted[c] -= 1;
      picked.push(i);
    }
  }
  const short = wanted.findIndex((w) => w > 0);
  if (short >= 0) {
    const have = Array.from(labels).filter((l) => l === short).length;
    throw new Error(
      `balancedSubset: class ${short} has ${have} examples but ${have + wanted[short]} are needed for ${count} labels; use fewer labels or a larger pool`,
    );
  }
  return picked.sort((a, b) => a - b);
}
