import * as tf from '@tensorflow/tfjs-node';
import { balancedSubset } from './balanced_subset';
import { discriminatorFeatures, type DiscriminatorFeaturesOptions } from './discriminator_features';
import { checkLabels, type LinearClassifierOptions } from './linear_classifier';
import { linearProbe } from './linear_probe';

/** Labelled images `[N, H, W, C]` with one class id each. */
export interface LabelledImages {
  images: tf.Tensor4D;
  labels: ArrayLike<number>;
}

/** Options of {@link probeTable}. */
export interface ProbeTableOptions extends LinearClassifierOptions, DiscriminatorFeaturesOptions {
  discriminator: tf.LayersModel;
  /** The pool the labelled examples are drawn from. */
  train: LabelledImages;
  /** The held-out split every row is scored on. */
  test: LabelledImages;
  /** Label counts, one row pair each (default [100, 1000], as in the paper's SVHN table). */
  labelCounts?: number[];
  /** Seed of the labelled draws (default 0); both feature kinds see the same examples. */
  seed?: number;
}

/** One row of the table. */
export interface ProbeRow {
  /** 'discriminator' (pooled D features) or 'pixels' (the raw image). */
  features: 'discriminator' | 'pixels';
  labels: number;
  dims: number;
  testAccuracy: number;
  /** 1 − testAccuracy, the paper's SVHN measure. */
  testError: number;
}

/**
 * The paper's "DCGAN features for supervised learning" (Tables 1–2) on a labelled image set: for each label count,
 * the same linear classifier on the discriminator's pooled features and on raw pixels, scored on the test split.
 */
export function probeTable(options: ProbeTableOptions): ProbeRow[] {
  const { discriminator, train, test, labelCounts = [100, 1000], seed = 0 } = options;
  const classes = options.classes ?? Math.max(...Array.from(train.labels)) + 1;
  checkLabels(train.labels, train.images.shape[0], classes, 'probeTable (train)');
  checkLabels(test.labels, test.images.shape[0], classes, 'probeTable (test)');
  const testFeatures = discriminatorFeatures(discriminator, test.images, options);
  try {
    return labelCounts.flatMap((count) => {
      const indices = balancedSubset(train.labels, count, classes, seed);
      const labels = indices.map((i) => train.labels[i]);
      const images = tf.gather(train.images, indices);
      const features = discriminatorFeatures(discriminator, images, options);
      try {
        const row = (kind: ProbeRow['features'], trainX: tf.Tensor, testX: tf.Tensor): ProbeRow => {
          const result = linearProbe({ ...options, classes, trainX, trainLabels: labels, testX, testLabels: test.labels });
          return {
            features: kind,
            labels: count,
            dims: result.dims,
            testAccuracy: result.testAccuracy,
            testError: 1 - result.testAccuracy,
          };
        };
        return [row('discriminator', features, testFeatures), row('pixels', images, test.images)];
      } finally {
        tf.dispose([images, features]);
      }
    });
  } finally {
    testFeatures.dispose();
  }
}
