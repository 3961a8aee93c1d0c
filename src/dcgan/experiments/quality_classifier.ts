import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-node';
import { forwardLayers, sequentialModel } from './forward_layers';

/** The datasets that have a quality classifier. */
export type QualityDataset = 'mnist' | 'fashion-mnist';

/** Name of the classifier's penultimate layer, whose activations are the quality metric's features. */
export const FEATURE_LAYER = 'features';

/** `notebooks/weights/<dataset>/classifier` of the repository this package lives in. */
export function classifierDirectory(dataset: QualityDataset): string {
  return resolve(__dirname, '..', '..', '..', '..', 'notebooks', 'weights', dataset, 'classifier');
}

/**
 * A LeNet-sized classifier for 28×28×1 images in [−1, 1]: conv 5×5 32 → max-pool 2 → conv 5×5 64 → max-pool 2 →
 * dense 128 ('features', ReLU) → dropout 0.3 → dense 10 (softmax). Seeded Glorot initialisation.
 */
export function qualityClassifier(seed = 0): tf.Sequential {
  const init = (offset: number): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({ seed: seed * 16 + offset });
  return tf.sequential({
    name: 'quality_classifier',
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 32,
        kernelSize: 5,
        activation: 'relu',
        kernelInitializer: init(1),
        name: 'conv1',
      }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }),
      tf.layers.conv2d({ filters: 64, kernelSize: 5, activation: 'relu', kernelInitializer: init(2), name: 'conv2' }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'pool2' }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(3), name: FEATURE_LAYER }),
      tf.layers.dropout({ rate: 0.3, seed, name: 'dropout' }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(4), name: 'logits' }),
    ],
  });
}

const loaded = new Map<string, tf.Sequential>();

/** The shipped classifier of `dataset` (loaded once per process), or an error saying how to train it. */
export async function loadQualityClassifier(dataset: QualityDataset, directory = classifierDirectory(dataset)): Promise<tf.Sequential> {
  const hit = loaded.get(directory);
  if (hit) return hit;
  const path = join(directory, 'model.json');
  if (!existsSync(path)) {
    throw new Error(`no quality classifier for ${dataset} at ${path}; train it with \`npm run train -- classifier --dataset ${dataset}\``);
  }
  const model = sequentialModel(await tf.loadLayersModel(tf.io.fileSystem(path)), 'quality classifier');
  loaded.set(directory, model);
  return model;
}

/** The classifier's penultimate features `[N, 128]` of 28×28 images (32×32 ones are centre-cropped), in batches. */
export function classifierFeatures(classifier: tf.Sequential, images: tf.Tensor4D, batchSize = 500): tf.Tensor2D {
  const [n, h, w, c] = images.shape;
  if (c !== 1 || h !== w || (h !== 28 && h !== 32) || n < 1) {
    throw new Error(`quality: expected grey images [N, 28, 28, 1] (or 32×32, cropped) in [−1, 1], got shape [${images.shape.join(', ')}]`);
  }
  const chunks: tf.Tensor[] = [];
  for (let start = 0; start < n; start += batchSize) {
    chunks.push(
      tf.tidy(() => {
        const size = Math.min(batchSize, n - start);
        const batch = h === 28 ? images.slice(start, size) : images.slice([start, 2, 2, 0], [size, 28, 28, 1]);
        return forwardLayers(classifier, batch, { stopAt: FEATURE_LAYER });
      }),
    );
  }
  const features = tf.concat(chunks, 0) as tf.Tensor2D;
  tf.dispose(chunks);
  return features;
}
