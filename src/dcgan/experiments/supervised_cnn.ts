import * as tf from '@tensorflow/tfjs-node';
import { mix32, shuffledIndices } from '../../data/shuffle';
import { sequentialModel } from './forward_layers';
import type { LabelledImages } from './labelled_images';
import { checkLabels } from './linear_classifier';

/** Options of {@link trainSupervisedCnn}. */
export interface SupervisedCnnOptions {
  /** A discriminator whose architecture (not weights) is copied; its logit becomes a softmax over the classes. */
  discriminator: tf.LayersModel;
  /** The labelled examples. */
  train: LabelledImages;
  /** Held-out labelled images that pick the best checkpoint. */
  validation: LabelledImages;
  classes?: number;
  /** Adam steps (default 300), batch size (default 32), learning rate (default 1e-3). */
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  /** Validation checks every this many steps (default 50); the best weights are kept. */
  evaluateEvery?: number;
  /** Seed of the initial weights and the batch order (default 0). */
  seed?: number;
}

/** The discriminator's architecture with a `classes`-way softmax head, freshly initialised from `seed`. */
async function classifierLike(discriminator: tf.LayersModel, classes: number, seed: number): Promise<tf.Sequential> {
  const topology = sequentialModel(discriminator, 'discriminator').toJSON(null, false) as unknown as {
    config: { layers: { config: Record<string, unknown> }[] };
  };
  topology.config.layers.forEach((layer, i) => {
    for (const key of ['kernel_initializer', 'gamma_initializer']) {
      const init = layer.config[key] as { config?: { seed?: number } } | undefined;
      if (init?.config) init.config.seed = seed * 101 + i;
    }
  });
  const head = topology.config.layers[topology.config.layers.length - 1].config;
  Object.assign(head, { units: classes, activation: 'softmax', name: 'classes' });
  return sequentialModel(
    await tf.models.modelFromJSON({ modelTopology: topology } as Parameters<typeof tf.models.modelFromJSON>[0]),
    'classifier',
  );
}

function accuracy(model: tf.Sequential, data: LabelledImages): number {
  const predicted = Array.from(tf.tidy(() => tf.argMax(model.predict(data.images, { batchSize: 500 }) as tf.Tensor, 1).dataSync()));
  return predicted.reduce((n: number, p, i) => n + (p === data.labels[i] ? 1 : 0), 0) / predicted.length;
}

/**
 * The paper's Table 2 control: a CNN of the discriminator's architecture trained from scratch on the labelled examples
 * only (cross-entropy, Adam), the checkpoint with the best validation accuracy kept. Returns that model (dispose it).
 */
export async function trainSupervisedCnn(
  options: SupervisedCnnOptions,
): Promise<{ model: tf.Sequential; validationAccuracy: number; step: number }> {
  const { train, validation, steps = 300, batchSize = 32, learningRate = 1e-3, evaluateEvery = 50, seed = 0 } = options;
  const classes = options.classes ?? Math.max(...Array.from(train.labels)) + 1;
  checkLabels(train.labels, train.images.shape[0], classes, 'trainSupervisedCnn (train)');
  checkLabels(validation.labels, validation.images.shape[0], classes, 'trainSupervisedCnn (validation)');
  if (![steps, batchSize, evaluateEvery].every((v) => Number.isInteger(v) && v >= 1))
    throw new Error(
      `trainSupervisedCnn: steps, batchSize and evaluateEvery must be integers >= 1, got ${steps}, ${batchSize}, ${evaluateEvery}`,
    );
  const model = await classifierLike(options.discriminator, classes, seed);
  const optimizer = tf.train.adam(learningRate);
  const targets = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(train.labels), 'int32'), classes));
  const n = train.images.shape[0];
  let best = { accuracy: -1, step: 0, weights: [] as tf.Tensor[] };
  for (let step = 1; step <= steps; step++) {
    tf.tidy(() => {
      const idx = tf.tensor1d(
        Array.from({ length: Math.min(batchSize, n) }, (_, i) => {
          const k = (step - 1) * Math.min(batchSize, n) + i;
          return shuffledIndices(n, mix32(seed, Math.floor(k / n)))[k % n];
        }),
        'int32',
      );
      const [x, y] = [tf.gather(train.images, idx), tf.gather(targets, idx)];
      optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, tf.log(tf.add(model.apply(x, { training: true }) as tf.Tensor, 1e-7))) as tf.Scalar,
      );
    });
    if (step % evaluateEvery === 0 || step === steps) {
      const acc = accuracy(model, validation);
      if (acc > best.accuracy) {
        tf.dispose(best.weights);
        best = { accuracy: acc, step, weights: model.getWeights().map((w) => w.clone()) };
      }
    }
  }
  model.setWeights(best.weights);
  tf.dispose([...best.weights, targets]);
  optimizer.dispose();
  return { model, validationAccuracy: best.accuracy, step: best.step };
}
