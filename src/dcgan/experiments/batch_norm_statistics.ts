import * as tf from '@tensorflow/tfjs-node';
import { forwardLayers, sequentialModel } from './forward_layers';

/** A copy of a sequential model with the same weights (the original is not touched). */
export async function cloneSequential(model: tf.Sequential): Promise<tf.Sequential> {
  const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as Parameters<typeof tf.models.modelFromJSON>[0]);
  copy.setWeights(model.getWeights());
  return sequentialModel(copy, 'copy');
}

/**
 * The paper's protocol for D's features (dcgan_code `svhn_semisup_analysis.py`): a copy of `discriminator` whose
 * batch-norm layers use statistics of real images instead of the moving averages of training — each layer's per-batch
 * mean and (biased) variance under batch statistics, averaged over batches of `batchSize` of `images`.
 */
export async function withBatchNormStatistics(discriminator: tf.LayersModel, images: tf.Tensor4D, batchSize = 128): Promise<tf.Sequential> {
  const copy = await cloneSequential(sequentialModel(discriminator, 'discriminator'));
  if (!Number.isInteger(batchSize) || batchSize < 2)
    throw new Error(`withBatchNormStatistics: batchSize must be an integer >= 2, got ${batchSize}`);
  if (images.shape[0] < 2) throw new Error(`withBatchNormStatistics: needs at least 2 images, got ${images.shape[0]}`);
  const norms = copy.layers.filter((l) => l.getClassName() === 'BatchNormalization');
  // Scale and offset, or none for batch norm without them (`batchNormAffine: false`).
  const affine = (layer: tf.layers.Layer): tf.Tensor[] =>
    (layer.getConfig() as { scale?: boolean }).scale === false ? [] : layer.getWeights().slice(0, 2);
  const sums = new Map<string, { mean: tf.Tensor; variance: tf.Tensor }>(
    norms.map((l) => [l.name, { mean: tf.scalar(0), variance: tf.scalar(0) }]),
  );
  let batches = 0;
  for (let start = 0; start + 1 < images.shape[0]; start += batchSize) {
    tf.tidy(() => {
      const batch = images.slice(start, Math.min(batchSize, images.shape[0] - start));
      forwardLayers(copy, batch, {
        replace: (layer, x) => {
          const sum = sums.get(layer.name);
          if (!sum) return undefined;
          const [gamma, beta] = affine(layer);
          const { mean, variance } = tf.moments(x, [0, 1, 2]);
          const next = { mean: tf.keep(tf.add(sum.mean, mean)), variance: tf.keep(tf.add(sum.variance, variance)) };
          tf.dispose([sum.mean, sum.variance]);
          sums.set(layer.name, next);
          return tf.batchNorm(x, mean, variance, beta, gamma, (layer.getConfig() as { epsilon: number }).epsilon);
        },
      });
    });
    batches += 1;
  }
  for (const layer of norms) {
    const sum = sums.get(layer.name)!;
    tf.tidy(() => layer.setWeights([...affine(layer), tf.div(sum.mean, batches), tf.div(sum.variance, batches)]));
    tf.dispose([sum.mean, sum.variance]);
  }
  return copy;
}
