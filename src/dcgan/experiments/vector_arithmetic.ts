import * as tf from '@tensorflow/tfjs-node';
import { generate } from './generate';

/** Options of {@link vectorArithmetic}. */
export interface VectorArithmeticOptions {
  /** Concepts added: each a `[k, zDim]` batch of z whose images show the concept (the paper used k = 3). */
  plus: tf.Tensor[];
  /** Concepts subtracted, the same form (default none). */
  minus?: tf.Tensor[];
  /** Noisy variants of the result (default 8, the paper's 3×3 grid around it). */
  variants?: number;
  /** Half-width of the uniform noise added for the variants (default 0.25, the paper's). */
  noise?: number;
  /** Seed of the noise (default 0). */
  seed?: number;
  /** When given, the images of `z` are generated too. */
  generator?: tf.LayersModel;
}

/** The arithmetic's tensors; the caller disposes them. */
export interface VectorArithmetic {
  /** The mean z of each concept, `plus` then `minus`, `[terms, zDim]`. */
  means: tf.Tensor2D;
  /** Row 0: y = Σ mean(plus) − Σ mean(minus); rows 1…variants: y + U(−noise, noise). */
  z: tf.Tensor2D;
  /** `generator(z)` when a generator was given. */
  images?: tf.Tensor4D;
}

function checkTerms(terms: tf.Tensor[], what: string, dim: number | undefined): number | undefined {
  terms.forEach((t, i) => {
    if (t.rank !== 2 || t.shape[0] < 1) {
      throw new Error(`vectorArithmetic: ${what}[${i}] must be a [k, zDim] batch of z with k >= 1, got shape [${t.shape.join(', ')}]`);
    }
    if (dim !== undefined && t.shape[1] !== dim) {
      throw new Error(
        `vectorArithmetic: ${what}[${i}] has zDim ${t.shape[1]} but the first term has ${dim}; all z must have the same size`,
      );
    }
    dim = t.shape[1];
  });
  return dim;
}

/** z arithmetic on concept means, e.g. mean(smiling woman) − mean(neutral woman) + mean(neutral man) (paper Fig. 7). */
export function vectorArithmetic(options: VectorArithmeticOptions): VectorArithmetic {
  const { plus, minus = [], variants = 8, noise = 0.25, seed = 0, generator } = options;
  if (!Array.isArray(plus) || plus.length === 0) throw new Error('vectorArithmetic: plus must list at least one [k, zDim] batch of z');
  if (!Number.isInteger(variants) || variants < 0) throw new Error(`vectorArithmetic: variants must be an integer >= 0, got ${variants}`);
  if (!(noise >= 0 && Number.isFinite(noise))) throw new Error(`vectorArithmetic: noise must be a finite number >= 0, got ${noise}`);
  if (!Number.isInteger(seed)) throw new Error(`vectorArithmetic: seed must be an integer, got ${seed}`);
  const dim = checkTerms(minus, 'minus', checkTerms(plus, 'plus', undefined)) as number;
  const { means, z } = tf.tidy(() => {
    const means = tf.stack([...plus, ...minus].map((t) => tf.mean(t, 0))) as tf.Tensor2D;
    const signs = tf.tensor2d([...plus.map(() => 1), ...minus.map(() => -1)], [1, plus.length + minus.length]);
    const y = tf.matMul(signs, means);
    const jitter = tf.randomUniform([variants, dim], -noise, noise, 'float32', seed);
    return { means, z: tf.concat([y, tf.add(y, jitter)], 0) as tf.Tensor2D };
  });
  if (!generator) return { means, z };
  try {
    return { means, z, images: generate(generator, z) };
  } catch (error) {
    tf.dispose([means, z]);
    throw error;
  }
}
