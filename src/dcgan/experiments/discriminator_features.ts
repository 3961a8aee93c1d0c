import * as tf from '@tensorflow/tfjs-node';
import { checkRank } from '../../check';
import { adaptiveMaxPool } from './adaptive_max_pool';
import { findLayer, forwardLayers, sequentialModel } from './forward_layers';

/** Options of {@link discriminatorFeatures}. */
export interface DiscriminatorFeaturesOptions {
  /** Layers whose outputs are used (default {@link featureLayers}: every convolutional block's activation). */
  layers?: string[];
  /** Side of the max-pooled grid per layer (default 4, the paper's). */
  gridSize?: number;
  /** Images per forward pass (default 256). */
  batchSize?: number;
}

const ACTIVATIONS = ['ReLU', 'LeakyReLU', 'Activation'];

/** The default feature layers: activation layers whose outputs are `[N, H, W, C]` maps, in model order. */
export function featureLayers(discriminator: tf.LayersModel): string[] {
  const model = sequentialModel(discriminator, 'discriminator');
  return model.layers.filter((l) => ACTIVATIONS.includes(l.getClassName()) && (l.outputShape as number[]).length === 4).map((l) => l.name);
}

/**
 * The paper's "DCGAN features for supervised learning": each chosen layer's output max-pooled to a
 * gridSize×gridSize grid, flattened (row, column, channel) and concatenated in model order, giving
 * `[N, gridSize²·Σ channels]`. The discriminator runs in inference mode.
 */
export function discriminatorFeatures(
  discriminator: tf.LayersModel,
  images: tf.Tensor,
  options: DiscriminatorFeaturesOptions = {},
): tf.Tensor2D {
  const model = sequentialModel(discriminator, 'discriminator');
  checkRank('discriminatorFeatures', 'images', images.shape, 4, '[N, H, W, C]');
  const { gridSize = 4, batchSize = 256 } = options;
  const names = options.layers ?? featureLayers(model);
  if (names.length === 0)
    throw new Error(`discriminatorFeatures: no feature layers; name layers of '${model.name}' with 4-D outputs in options.layers`);
  names.forEach((name) => {
    const shape = findLayer(model, name).outputShape as number[];
    if (shape.length !== 4)
      throw new Error(
        `discriminatorFeatures: layer '${name}' outputs shape [${shape.map((d) => d ?? 'N').join(', ')}]; only [N, H, W, C] maps can be pooled to a grid`,
      );
  });
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`discriminatorFeatures: batchSize must be an integer >= 1, got ${batchSize}`);
  const order = model.layers.map((l) => l.name).filter((name) => names.includes(name));
  const chunks: tf.Tensor2D[] = [];
  for (let start = 0; start < images.shape[0]; start += batchSize) {
    chunks.push(
      tf.tidy(() => {
        const batch = images.slice(start, Math.min(batchSize, images.shape[0] - start));
        const pooled: tf.Tensor2D[] = [];
        forwardLayers(model, batch, {
          stopAt: order[order.length - 1],
          after: (layer, y) => {
            if (names.includes(layer.name)) pooled.push(adaptiveMaxPool(y as tf.Tensor4D, gridSize).reshape([y.shape[0], -1]));
            return y;
          },
        });
        return tf.concat(pooled, 1);
      }),
    );
  }
  if (chunks.length === 0)
    throw new Error(`discriminatorFeatures: images is an empty batch (shape [${images.shape.join(', ')}]); pass at least one image`);
  const features = tf.concat(chunks, 0);
  tf.dispose(chunks);
  return features;
}
