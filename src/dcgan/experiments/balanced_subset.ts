import * as tf from '@tensorflow/tfjs-node';

/**
 * Indices of `count` examples with the classes as balanced as possible (count/classes each, the remainder going to
 * the lowest class ids), drawn without replacement in a seeded random order: the "N labels" of semi-supervised
 * benchmarks. The indices come back sorted.
 */
export function balancedSubset(labels: ArrayLike<number>, count: number, classes: number, seed: number): number[] {
  if (!Number.isInteger(count) || count < classes) throw new Error(`balancedSubset: count must be an integer >= classes (${classes}) so every class is labelled, got ${count}`);
  if (!Number.isInteger(seed)) throw new Error(`balancedSubset: seed must be an integer, got ${seed}`);
  const keys = tf.tidy(() => tf.randomUniform([labels.length], 0, 1, 'float32', seed).dataSync());
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]]?.push(i);
  const picked = byClass.flatMap((indices, c) => {
    const wanted = Math.floor(count / classes) + (c < count % classes ? 1 : 0);
    if (indices.length < wanted) throw new Error(`balancedSubset: class ${c} has ${indices.length} examples but ${wanted} are needed for ${count} labels; use fewer labels or a larger pool`);
    return indices.sort((a, b) => keys[a] - keys[b]).slice(0, wanted);
  });
  return picked.sort((a, b) => a - b);
}
