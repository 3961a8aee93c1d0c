import type * as tf from '@tensorflow/tfjs-node';

/** The rows of a `[zDim]` or `[N, zDim]` latent tensor as arrays, or an error naming `what` and its shape. */
export function latentRows(z: tf.Tensor, what: string): Float32Array[] {
  if (z.rank !== 1 && z.rank !== 2) {
    throw new Error(`${what} must be a latent vector [zDim] or a batch [N, zDim], got shape [${z.shape.join(', ')}]`);
  }
  const [n, dim] = z.rank === 1 ? [1, z.shape[0]] : z.shape;
  if (n < 1 || dim < 1) throw new Error(`${what} is empty (shape [${z.shape.join(', ')}]); pass at least one z`);
  const values = z.dataSync();
  return Array.from({ length: n }, (_, i) => Float32Array.from(values.subarray(i * dim, (i + 1) * dim)));
}
