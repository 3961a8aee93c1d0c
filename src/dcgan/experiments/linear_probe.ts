import * as tf from '@tensorflow/tfjs-node';
import { balancedSubset } from './balanced_subset';
import { checkLabels, fitLinearClassifier, type LinearClassifierOptions } from './linear_classifier';

/** Options of {@link linearProbe}. */
export interface LinearProbeOptions extends LinearClassifierOptions {
  /** Training pool `[N, …]` (features or pixels) and its labels. */
  trainX: tf.Tensor;
  trainLabels: ArrayLike<number>;
  /** Held-out examples and labels for the reported accuracy. */
  testX: tf.Tensor;
  testLabels: ArrayLike<number>;
  /** Labelled examples drawn from the pool, class-balanced (default: the whole pool). */
  labelCount?: number;
  /** Seed of the labelled draw (default 0). */
  seed?: number;
}

/** One probe's outcome. */
export interface LinearProbeResult {
  /** Labelled training examples used. */
  labelCount: number;
  /** Values per example. */
  dims: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/** Fits the linear classifier on `labelCount` seeded, class-balanced labels from the pool and scores it on the test set. */
export function linearProbe(options: LinearProbeOptions): LinearProbeResult {
  const { trainX, trainLabels, testX, testLabels, seed = 0 } = options;
  const classes = options.classes ?? Math.max(...Array.from(trainLabels)) + 1;
  checkLabels(trainLabels, trainX.shape[0], classes, 'linearProbe (train)');
  checkLabels(testLabels, testX.shape[0], classes, 'linearProbe (test)');
  const indices =
    options.labelCount === undefined
      ? Array.from({ length: trainLabels.length }, (_, i) => i)
      : balancedSubset(trainLabels, options.labelCount, classes, seed);
  const x = tf.gather(trainX, indices);
  const labels = indices.map((i) => trainLabels[i]);
  let classifier;
  try {
    classifier = fitLinearClassifier(x, labels, { ...options, classes });
    return {
      labelCount: indices.length,
      dims: classifier.dims,
      trainAccuracy: classifier.accuracy(x, labels),
      testAccuracy: classifier.accuracy(testX, testLabels),
    };
  } finally {
    classifier?.dispose();
    x.dispose();
  }
}
