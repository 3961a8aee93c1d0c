import * as tf from '@tensorflow/tfjs-node';
import { balancedSubset } from './balanced_subset';
import { featureMatrix } from './feature_matrix';
import type { LabelledImages } from './labelled_images';
import { checkLabels } from './linear_classifier';
import { fitLinearSvm, type LinearSvmOptions } from './linear_svm';
import { type SupervisedCnnOptions, trainSupervisedCnn } from './supervised_cnn';

/** A label-independent feature map from images to `[N, d]` (e.g. pooled D features, pixels, K-means). */
export interface FeatureExtractor {
  name: string;
  extract(images: tf.Tensor4D): tf.Tensor2D;
}

/** Options of {@link featureProtocol}. */
export interface FeatureProtocolOptions {
  /** Images the labelled examples are drawn from. */
  pool: LabelledImages;
  /** Held-out labelled images that choose C (and the supervised CNN's checkpoint); never the test split. */
  validation: LabelledImages;
  /** The split every row's error is measured on. */
  test: LabelledImages;
  extractors: FeatureExtractor[];
  /** Also train a CNN of this discriminator's architecture on the same labels (the paper's Table 2 control). */
  supervised?: Omit<SupervisedCnnOptions, 'train' | 'validation' | 'classes' | 'seed'>;
  /** Label counts (default [100, 1000]). */
  labelCounts?: number[];
  /** Seeded class-balanced label draws per count (default 10). */
  draws?: number;
  /** The C grid (default {@link DEFAULT_CS}). */
  cs?: number[];
  /** Seed of draw d is seed + d (default 0). */
  seed?: number;
  classes?: number;
  /**
   * Solver settings of the SVMs; the tolerance defaults to 0.01 (between sklearn's 1e-4 and liblinear's own 0.1 for
   * this solver): test errors move by less than a draw's spread and the thousands of fits run about twice as fast.
   */
  svm?: Pick<LinearSvmOptions, 'tolerance' | 'maxIterations'>;
  /** Called with each row when it is done. */
  onRow?: (row: ProtocolRow) => void;
}

/** One row: a feature set at one label count over all draws. */
export interface ProtocolRow {
  features: string;
  labels: number;
  dims: number;
  /** The C chosen on the validation split (absent for the supervised CNN). */
  C?: number;
  /** Mean validation error of the chosen setting. */
  validationError: number;
  /** Test error of each draw. */
  errors: number[];
  meanError: number;
  /** 1.96 σ of the per-draw test errors (population σ, as the authors' numpy.std). */
  halfWidth: number;
}

/** The authors' C grid in svhn_semisup_analysis.py (tuned to their SVHN features). */
export const PAPER_CS = [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01];

/** The default grid: decades from 1e-4 to 1, since the best C of pixels and of MNIST-sized D features lies above the authors' 0.01. */
export const DEFAULT_CS = [0.0001, 0.001, 0.01, 0.1, 1];

function summary(errors: number[]): { meanError: number; halfWidth: number } {
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  const variance = errors.reduce((a, e) => a + (e - mean) ** 2, 0) / errors.length;
  return { meanError: mean, halfWidth: 1.96 * Math.sqrt(variance) };
}

function errorRate(predicted: number[], labels: ArrayLike<number>): number {
  return predicted.filter((p, i) => p !== labels[i]).length / predicted.length;
}

/** The SVM rows of one extractor: for each label count, every C on every draw; C picked by mean validation error. */
function svmRows(extractor: FeatureExtractor, draws: number[][][], options: FeatureProtocolOptions, classes: number): ProtocolRow[] {
  const { pool, validation, test, labelCounts = [100, 1000], cs = DEFAULT_CS } = options;
  const [validationX, testX] = [extractor.extract(validation.images), extractor.extract(test.images)];
  try {
    return labelCounts.map((count, c) => {
      const perDraw = draws[c].map((indices) => {
        const x = tf.tidy(() => extractor.extract(tf.gather(pool.images, indices) as tf.Tensor4D));
        const features = featureMatrix(x, 'featureProtocol');
        x.dispose();
        const labels = indices.map((i) => pool.labels[i]);
        return cs.map((C) => {
          const svm = fitLinearSvm(features, labels, { tolerance: 0.01, ...options.svm, C, classes });
          return { validation: errorRate(svm.predict(validationX), validation.labels), test: errorRate(svm.predict(testX), test.labels) };
        });
      });
      const runs = cs.map((_, k) => perDraw.map((d) => d[k]));
      const meanValidation = runs.map((r) => r.reduce((a, d) => a + d.validation, 0) / r.length);
      const best = meanValidation.indexOf(Math.min(...meanValidation));
      const errors = runs[best].map((d) => d.test);
      const row = {
        features: extractor.name,
        labels: count,
        dims: testX.shape[1],
        C: cs[best],
        validationError: meanValidation[best],
        errors,
        ...summary(errors),
      };
      options.onRow?.(row);
      return row;
    });
  } finally {
    tf.dispose([validationX, testX]);
  }
}

/** The supervised CNN rows: one network per draw, trained on that draw's labels. */
async function supervisedRows(draws: number[][][], options: FeatureProtocolOptions, classes: number): Promise<ProtocolRow[]> {
  const { pool, validation, test, labelCounts = [100, 1000], seed = 0 } = options;
  const rows: ProtocolRow[] = [];
  for (const [c, count] of labelCounts.entries()) {
    const runs: { validation: number; test: number }[] = [];
    for (const [d, indices] of draws[c].entries()) {
      const images = tf.gather(pool.images, indices) as tf.Tensor4D;
      const { model, validationAccuracy } = await trainSupervisedCnn({
        ...options.supervised!,
        train: { images, labels: indices.map((i) => pool.labels[i]) },
        validation,
        classes,
        seed: seed + d,
      });
      const predicted = Array.from(tf.tidy(() => tf.argMax(model.predict(test.images, { batchSize: 500 }) as tf.Tensor, 1).dataSync()));
      runs.push({ validation: 1 - validationAccuracy, test: errorRate(predicted, test.labels) });
      model.dispose();
      images.dispose();
    }
    const errors = runs.map((r) => r.test);
    const row = {
      features: 'supervised CNN (D architecture)',
      labels: count,
      dims: 0,
      validationError: runs.reduce((a, r) => a + r.validation, 0) / runs.length,
      errors,
      ...summary(errors),
    };
    options.onRow?.(row);
    rows.push(row);
  }
  return rows;
}

/**
 * The paper's "DCGAN features for supervised learning" protocol (dcgan_code `svhn/svhn_semisup_analysis.py`): for
 * each label count, `draws` seeded class-balanced label sets from the pool; per feature set a linear L2-SVM for every
 * C of the grid on every draw, C chosen by the mean validation error, the test errors of that C reported as
 * mean ± 1.96σ over the draws. Every feature set sees the same draws.
 */
export async function featureProtocol(options: FeatureProtocolOptions): Promise<ProtocolRow[]> {
  const { pool, validation, test, extractors, labelCounts = [100, 1000], draws = 10, seed = 0 } = options;
  const classes = options.classes ?? Math.max(...Array.from(pool.labels)) + 1;
  checkLabels(pool.labels, pool.images.shape[0], classes, 'featureProtocol (pool)');
  checkLabels(validation.labels, validation.images.shape[0], classes, 'featureProtocol (validation)');
  checkLabels(test.labels, test.images.shape[0], classes, 'featureProtocol (test)');
  if (!Number.isInteger(draws) || draws < 2)
    throw new Error(`featureProtocol: draws must be an integer >= 2 (error bars need a spread), got ${draws}`);
  const drawn = labelCounts.map((count) => Array.from({ length: draws }, (_, d) => balancedSubset(pool.labels, count, classes, seed + d)));
  const rows = extractors.flatMap((e) => svmRows(e, drawn, options, classes));
  return options.supervised ? [...rows, ...(await supervisedRows(drawn, options, classes))] : rows;
}

/** A pairwise comparison of two rows at the same label count. */
export interface RowComparison {
  labels: number;
  /** The row with the lower mean error, and the other. */
  better: string;
  worse: string;
  /** Difference of mean errors (worse − better, ≥ 0). */
  difference: number;
  /** True when the difference exceeds the sum of both half-widths (the ±1.96σ intervals do not overlap). */
  exceeds: boolean;
}

/** Every pair of rows with the same label count, with whether their difference exceeds their error bars. */
export function compareRows(rows: ProtocolRow[]): RowComparison[] {
  return rows.flatMap((a, i) =>
    rows
      .slice(i + 1)
      .filter((b) => b.labels === a.labels)
      .map((b) => {
        const [better, worse] = a.meanError <= b.meanError ? [a, b] : [b, a];
        const difference = worse.meanError - better.meanError;
        return {
          labels: a.labels,
          better: better.features,
          worse: worse.features,
          difference,
          exceeds: difference > a.halfWidth + b.halfWidth,
        };
      }),
  );
}
