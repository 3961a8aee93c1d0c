import * as tf from '@tensorflow/tfjs-node';
import { generate } from './generate';
import { interpolate, type InterpolationMode } from './interpolate';
import { latentRows } from './latent_rows';

/** Options of {@link latentWalk}. */
export interface LatentWalkOptions {
  /** Start of each walk: `[zDim]` or `[R, zDim]`. */
  from: tf.Tensor;
  /** End of each walk, the same shape as `from`. */
  to: tf.Tensor;
  /** Points per walk, both ends included (default 10, as in the paper's Fig. 4 rows). */
  steps?: number;
  /** 'slerp' (default; keeps z near the shell where Gaussian samples live) or 'linear'. */
  mode?: InterpolationMode;
  /** When given, the walk's images are generated too. */
  generator?: tf.LayersModel;
}

/** The walks: `z` is `[R·steps, zDim]`, walk r in rows r·steps … r·steps + steps − 1 (a grid with `steps` columns). */
export interface LatentWalk {
  z: tf.Tensor2D;
  /** The fractions t of each column, 0 … 1. */
  t: number[];
  /** `generator(z)` when a generator was given. */
  images?: tf.Tensor4D;
}

/** Walks the latent space from `from` to `to` in equal steps of t (paper Fig. 4); the caller disposes the tensors. */
export function latentWalk(options: LatentWalkOptions): LatentWalk {
  const { steps = 10, mode = 'slerp', generator } = options;
  if (!Number.isInteger(steps) || steps < 2)
    throw new Error(`latentWalk: steps must be an integer >= 2 (both ends included), got ${steps}`);
  if (!tf.util.arraysEqual(options.from.shape, options.to.shape)) {
    throw new Error(
      `latentWalk: from has shape [${options.from.shape.join(', ')}] but to has [${options.to.shape.join(', ')}]; pass one end per walk`,
    );
  }
  const from = latentRows(options.from, 'latentWalk: from');
  const to = latentRows(options.to, 'latentWalk: to');
  const t = Array.from({ length: steps }, (_, i) => i / (steps - 1));
  const dim = from[0].length;
  const values = new Float32Array(from.length * steps * dim);
  from.forEach((a, r) => t.forEach((ti, i) => values.set(interpolate(a, to[r], ti, mode), (r * steps + i) * dim)));
  const z = tf.tensor2d(values, [from.length * steps, dim]);
  if (!generator) return { z, t };
  try {
    return { z, t, images: generate(generator, z) };
  } catch (error) {
    z.dispose();
    throw error;
  }
}
