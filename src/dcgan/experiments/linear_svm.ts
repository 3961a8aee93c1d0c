import * as tf from '@tensorflow/tfjs-node';
import { mix32 } from '../../data/shuffle';
import { type FeatureMatrix, featureMatrix, rowDot } from './feature_matrix';
import { checkLabels } from './linear_classifier';

/** Options of {@link fitLinearSvm}. */
export interface LinearSvmOptions {
  /** Inverse regularisation strength: minimise ½‖w‖² + C Σ max(0, 1 − y wᵀx)² (default 1, sklearn's). */
  C?: number;
  /** Number of classes (default: the largest label + 1). */
  classes?: number;
  /** Stop when the projected gradient's spread (max − min) falls below this (default 1e-4, sklearn's tol). */
  tolerance?: number;
  /** Passes over the data per class at most (default 1,000, sklearn's max_iter). */
  maxIterations?: number;
  /** Seed of the coordinate order (default 0). */
  seed?: number;
}

/** A one-vs-rest linear SVM: `weights[c]` holds class c's dims weights followed by its bias. */
export class LinearSvm {
  constructor(
    readonly weights: Float64Array[],
    readonly dims: number,
    readonly iterations: number[],
  ) {}

  /** The `[N, classes]` decision values wᵀx + b of features `x` ([N, dims]). */
  decision(x: tf.Tensor2D): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.dims)
      throw new Error(
        `LinearSvm: expected features [N, ${this.dims}], got [${x.shape.join(', ')}]; pass the same kind of features it was fitted on`,
      );
    return tf.tidy(() => {
      const w = tf.tensor2d(
        this.weights.map((row) => Array.from(row.subarray(0, this.dims))),
        [this.weights.length, this.dims],
      );
      const b = tf.tensor1d(this.weights.map((row) => row[this.dims]));
      return tf.add(tf.matMul(x, w, false, true), b) as tf.Tensor2D;
    });
  }

  /** The class with the largest decision value, per example. */
  predict(x: tf.Tensor2D): number[] {
    const ids = tf.tidy(() => tf.argMax(this.decision(x), 1));
    const out = Array.from(ids.dataSync());
    ids.dispose();
    return out;
  }

  /** The fraction of examples predicted as `labels`. */
  accuracy(x: tf.Tensor2D, labels: ArrayLike<number>): number {
    const predicted = this.predict(x);
    checkLabels(labels, predicted.length, this.weights.length, 'LinearSvm.accuracy');
    return predicted.filter((p, i) => p === labels[i]).length / predicted.length;
  }
}

/**
 * What the dual solver needs of the training rows (augmented with a constant 1 for the bias): ‖x_i‖², wᵀx_i for the
 * current w = Σ β_j x_j, and w += step·x_i. Primal keeps w (each call costs the feature dims); Gram keeps β and the
 * rows' inner products (each call costs the row count), which is cheaper when there are fewer rows than features.
 */
interface DualRows {
  squaredNorm(i: number): number;
  dot(i: number): number;
  add(i: number, step: number): void;
  /** w's dims values followed by the bias. */
  weights(): Float64Array;
}

function primalRows(x: FeatureMatrix): DualRows {
  const { dims, values } = x;
  const w = new Float64Array(dims + 1);
  return {
    squaredNorm: (i) => 1 + rowDot(x, i, x, i),
    dot: (i) => {
      let s = w[dims];
      for (let j = 0, p = i * dims; j < dims; j++) s += w[j] * values[p + j];
      return s;
    },
    add: (i, step) => {
      for (let j = 0, p = i * dims; j < dims; j++) w[j] += step * values[p + j];
      w[dims] += step;
    },
    weights: () => w,
  };
}

function gramRows(x: FeatureMatrix, gram: Float64Array): DualRows {
  const { count } = x;
  const beta = new Float64Array(count);
  return {
    squaredNorm: (i) => gram[i * count + i],
    dot: (i) => {
      let s = 0;
      for (let j = 0, p = i * count; j < count; j++) s += beta[j] * gram[p + j];
      return s;
    },
    add: (i, step) => {
      beta[i] += step;
    },
    // w = Σ β_i x_i, summed by the primal rows' own update.
    weights: () => {
      const primal = primalRows(x);
      beta.forEach((b, i) => primal.add(i, b));
      return primal.weights();
    },
  };
}

const grams = new WeakMap<Float64Array, Float64Array>();

/** The inner products of the augmented rows, (1 + x_iᵀx_j), computed once per feature matrix and kept while it lives. */
function gramMatrix(x: FeatureMatrix): Float64Array {
  const cached = grams.get(x.values);
  if (cached) return cached;
  const { count } = x;
  const gram = new Float64Array(count * count);
  for (let i = 0; i < count; i++) for (let k = i; k < count; k++) gram[i * count + k] = gram[k * count + i] = 1 + rowDot(x, i, x, k);
  grams.set(x.values, gram);
  return gram;
}

// Above this many rows the Gram matrix (8 bytes × rows²) is not worth its memory.
const MAX_GRAM_ROWS = 5000;

/** Gram rows when there are fewer rows than features (and few enough to hold their Gram matrix), else primal rows. */
function dualRows(x: FeatureMatrix): () => DualRows {
  if (x.count >= x.dims || x.count > MAX_GRAM_ROWS) return () => primalRows(x);
  const gram = gramMatrix(x);
  return () => gramRows(x, gram);
}

/**
 * Dual coordinate descent for one binary L2-loss SVM (Hsieh et al. 2008, liblinear's L2R_L2LOSS_SVC_DUAL with its
 * shrinking of examples whose α stays at 0) on rows augmented with a constant 1, so the bias is regularised as in
 * liblinear and sklearn's LinearSVC.
 */
function fitBinary(
  rows: DualRows,
  count: number,
  y: Int8Array,
  C: number,
  tolerance: number,
  maxIterations: number,
  seed: number,
): { w: Float64Array; iterations: number } {
  const diag = 0.5 / C;
  const alpha = new Float64Array(count);
  const qd = Float64Array.from({ length: count }, (_, i) => rows.squaredNorm(i) + diag);
  const index = Int32Array.from({ length: count }, (_, i) => i);
  let active = count;
  // liblinear's lower shrinking threshold only serves α at an upper bound, which the L2 loss does not have.
  let pgMaxOld = Infinity;
  let iteration = 0;
  while (iteration < maxIterations) {
    let [pgMax, pgMin] = [-Infinity, Infinity];
    for (let k = 0; k < active; k++) {
      const j = k + (mix32(seed, iteration, k) % (active - k));
      [index[k], index[j]] = [index[j], index[k]];
    }
    for (let k = 0; k < active; k++) {
      const i = index[k];
      const g = y[i] * rows.dot(i) - 1 + diag * alpha[i];
      let pg = g;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          // Shrink: α_i sits at its bound with a gradient pushing it further; skip it until the final check.
          active -= 1;
          [index[k], index[active]] = [index[active], index[k]];
          k -= 1;
          continue;
        }
        pg = Math.min(g, 0);
      }
      pgMax = Math.max(pgMax, pg);
      pgMin = Math.min(pgMin, pg);
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - g / qd[i], 0);
        rows.add(i, (alpha[i] - old) * y[i]);
      }
    }
    iteration += 1;
    if (pgMax - pgMin <= tolerance) {
      if (active === count) break;
      // Converged on the active set: check every example once more without shrinking.
      active = count;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
  return { w: rows.weights(), iterations: iteration };
}

/**
 * Fits a linear L2-SVM (squared hinge loss, L2 penalty), one binary SVM per class against the rest, as sklearn's
 * `LinearSVC` does (liblinear, bias as a regularised constant feature of 1). Features are used as given (the paper's
 * protocol does not standardise them); training runs in float64. With fewer examples than features the solver works on
 * their inner products, computed once per feature matrix: pass the same {@link FeatureMatrix} to fit several C.
 */
export function fitLinearSvm(x: tf.Tensor2D | FeatureMatrix, labels: ArrayLike<number>, options: LinearSvmOptions = {}): LinearSvm {
  const { C = 1, tolerance = 1e-4, maxIterations = 1000, seed = 0 } = options;
  if (!(C > 0 && Number.isFinite(C))) throw new Error(`fitLinearSvm: C must be a finite number > 0, got ${C}`);
  if (!(tolerance > 0)) throw new Error(`fitLinearSvm: tolerance must be > 0, got ${tolerance}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    throw new Error(`fitLinearSvm: maxIterations must be an integer >= 1, got ${maxIterations}`);
  const features = featureMatrix(x, 'fitLinearSvm');
  const classes = options.classes ?? Math.max(...Array.from(labels)) + 1;
  if (!Number.isInteger(classes) || classes < 2)
    throw new Error(`fitLinearSvm: classes must be an integer >= 2, got ${classes}; labels must contain at least two classes`);
  checkLabels(labels, features.count, classes, 'fitLinearSvm');
  const rows = dualRows(features);
  const fits = Array.from({ length: classes }, (_, c) => {
    const y = Int8Array.from({ length: features.count }, (_, i) => (labels[i] === c ? 1 : -1));
    return fitBinary(rows(), features.count, y, C, tolerance, maxIterations, seed);
  });
  return new LinearSvm(
    fits.map((f) => f.w),
    features.dims,
    fits.map((f) => f.iterations),
  );
}
