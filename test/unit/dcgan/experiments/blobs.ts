import * as tf from '@tensorflow/tfjs-node';
import { seededRandom } from '../../util/seeded_random';

/** `perClass` points around each of `classes` centres 6 apart on the axes of R^dims, uniform noise ±1: linearly separable. */
export function blobs(perClass: number, classes: number, dims: number, seed: number): { x: tf.Tensor2D; labels: number[] } {
  const random = seededRandom(seed);
  const values: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < perClass * classes; i++) {
    const c = i % classes;
    for (let d = 0; d < dims; d++) values.push((d === c ? 6 : 0) + random.values(1)[0]);
    labels.push(c);
  }
  return { x: tf.tensor2d(values, [perClass * classes, dims]), labels };
}
