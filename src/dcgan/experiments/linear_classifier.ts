import * as tf from '@tensorflow/tfjs-node';
import { Adam } from '../adam';

/** Options of {@link fitLinearClassifier}. */
export interface LinearClassifierOptions {
  /** Number of classes (default: the largest label + 1). */
  classes?: number;
  /** L2 penalty λ: the loss is mean cross-entropy + λ/2·‖W‖² (default 1e-3). */
  l2?: number;
  /** Full-batch Adam steps (default 300). */
  steps?: number;
  /** Adam's learning rate (default 0.01). */
  learningRate?: number;
}

/** A multinomial logistic regression on standardised inputs; owns tensors, so call `dispose()` when done. */
export class LinearClassifier {
  constructor(
    /** Per-input mean and standard deviation of the training data (constant inputs get std 1). */
    readonly mean: tf.Tensor1D,
    readonly std: tf.Tensor1D,
    /** `[dims, classes]` weights and `[classes]` biases on the standardised inputs. */
    readonly weights: tf.Tensor2D,
    readonly bias: tf.Tensor1D,
  ) {}

  /** Number of input values per example. */
  get dims(): number {
    return this.weights.shape[0];
  }

  /** Number of classes. */
  get classes(): number {
    return this.weights.shape[1];
  }

  /** The `[N, classes]` logits of examples `x` (any shape `[N, …]` with `dims` values per example). */
  logits(x: tf.Tensor): tf.Tensor2D {
    const flat = flatten(x, 'LinearClassifier');
    if (flat.shape[1] !== this.dims) {
      throw new Error(
        `LinearClassifier: examples have ${flat.shape[1]} values but the classifier was fitted on ${this.dims}; pass the same kind of features`,
      );
    }
    return tf.tidy(() => tf.add(tf.matMul(tf.div(tf.sub(flat, this.mean), this.std), this.weights), this.bias) as tf.Tensor2D);
  }

  /** The predicted class of each example. */
  predict(x: tf.Tensor): number[] {
    const ids = tf.tidy(() => tf.argMax(this.logits(x), 1));
    const out = Array.from(ids.dataSync());
    ids.dispose();
    return out;
  }

  /** The fraction of examples whose predicted class equals `labels`. */
  accuracy(x: tf.Tensor, labels: ArrayLike<number>): number {
    const predicted = this.predict(x);
    checkLabels(labels, predicted.length, this.classes, 'LinearClassifier.accuracy');
    return predicted.filter((p, i) => p === labels[i]).length / predicted.length;
  }

  /** Frees the tensors. */
  dispose(): void {
    tf.dispose([this.mean, this.std, this.weights, this.bias]);
  }
}

/** Throws unless `x` is a batch `[N, …]` with N >= 1. */
function checkBatch(x: tf.Tensor, who: string): void {
  if (x.rank < 2 || x.shape[0] < 1) throw new Error(`${who}: expected a batch [N, …] with N >= 1, got shape [${x.shape.join(', ')}]`);
}

/** `x` reshaped to `[N, values per example]`. */
function flatten(x: tf.Tensor, who: string): tf.Tensor2D {
  checkBatch(x, who);
  return x.reshape([x.shape[0], -1]);
}

/** Checks that `labels` holds `count` integer class ids in [0, classes). */
export function checkLabels(labels: ArrayLike<number>, count: number, classes: number, who: string): void {
  if (labels.length !== count) throw new Error(`${who}: ${labels.length} labels for ${count} examples; pass one label per example`);
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isInteger(labels[i]) || labels[i] < 0 || labels[i] >= classes) {
      throw new Error(`${who}: label ${i} is ${labels[i]}; labels must be integer class ids in [0, ${classes})`);
    }
  }
}

/**
 * Fits an L2-regularised multinomial logistic regression by full-batch Adam (β 0.9, 0.999) from zero weights. Inputs are
 * standardised with the training set's statistics. Every step is deterministic, so the same data give the same model.
 */
export function fitLinearClassifier(x: tf.Tensor, labels: ArrayLike<number>, options: LinearClassifierOptions = {}): LinearClassifier {
  const { l2 = 1e-3, steps = 300, learningRate = 0.01 } = options;
  const classes = options.classes ?? Math.max(...Array.from(labels)) + 1;
  if (!Number.isInteger(classes) || classes < 2)
    throw new Error(`fitLinearClassifier: classes must be an integer >= 2, got ${classes}; labels must contain at least two classes`);
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new Error(`fitLinearClassifier: l2 must be a finite number >= 0, got ${l2}`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`fitLinearClassifier: steps must be an integer >= 1, got ${steps}`);
  if (!(learningRate > 0 && Number.isFinite(learningRate)))
    throw new Error(`fitLinearClassifier: learningRate must be a finite number > 0, got ${learningRate}`);
  checkBatch(x, 'fitLinearClassifier');
  checkLabels(labels, x.shape[0], classes, 'fitLinearClassifier');
  const [mean, std, inputs, targets] = tf.tidy(() => {
    const flat = flatten(x, 'fitLinearClassifier');
    const moments = tf.moments(flat, 0);
    const sd = tf.sqrt(moments.variance);
    const safe = tf.where(tf.greater(sd, 1e-6), sd, tf.onesLike(sd)) as tf.Tensor1D;
    const standard = tf.div(tf.sub(flat, moments.mean), safe) as tf.Tensor2D;
    return [moments.mean as tf.Tensor1D, safe, standard, tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), classes)];
  });
  const weights = tf.tidy(() => tf.variable(tf.zeros([inputs.shape[1], classes]), true)) as tf.Variable<tf.Rank.R2>;
  const bias = tf.tidy(() => tf.variable(tf.zeros([classes]), true)) as tf.Variable<tf.Rank.R1>;
  const adam = new Adam([weights, bias], { learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  const [perExample, lambda] = [tf.scalar(1 / inputs.shape[0]), tf.scalar(l2)];
  for (let step = 0; step < steps; step++) {
    tf.tidy(() => {
      // The gradient of mean softmax cross-entropy with respect to the logits is (softmax − onehot)/N, so the step
      // needs a handful of kernels instead of tfjs's taped loss (several times slower on these small problems).
      const logits = tf.add(tf.matMul(inputs, weights), bias);
      const dLogits = tf.mul(tf.sub(tf.softmax(logits), targets), perExample);
      adam.apply([tf.add(tf.matMul(inputs, dLogits, true, false), tf.mul(weights, lambda)), tf.sum(dLogits, 0)]);
    });
  }
  adam.dispose();
  tf.dispose([inputs, targets, perExample, lambda]);
  return new LinearClassifier(mean, std, weights, bias);
}
