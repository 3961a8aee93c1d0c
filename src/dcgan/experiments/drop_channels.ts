import * as tf from '@tensorflow/tfjs-node';
import { findLayer, forwardLayers, sequentialModel } from './forward_layers';

/** A generator with some feature maps of one layer removed; it shares the original's weights. */
export interface DroppedGenerator {
  /** The layer whose channels are zeroed, and the channels. */
  readonly layer: string;
  readonly channels: number[];
  /** Images for z `[N, zDim]`, inference mode, the dropped channels zero at every position. */
  predict(z: tf.Tensor2D): tf.Tensor4D;
  /** The output of any layer for z (after the drop, for the dropped layer and all that follow). */
  activations(z: tf.Tensor2D, layer: string): tf.Tensor;
}

/**
 * The paper's "forgetting" (Fig. 6): the generator with `channels` of `layer`'s output set to zero at every spatial
 * position. Runs the original model's layers eagerly (see forwardLayers), so the original is not modified.
 */
export function dropChannels(generator: tf.LayersModel, layer: string, channels: number[]): DroppedGenerator {
  const model = sequentialModel(generator, 'generator');
  const shape = findLayer(model, layer).outputShape as number[];
  const depth = shape[shape.length - 1];
  if (
    !Array.isArray(channels) ||
    channels.some((c) => !Number.isInteger(c) || c < 0 || c >= depth) ||
    new Set(channels).size !== channels.length
  ) {
    throw new Error(
      `dropChannels: channels must be distinct integers in [0, ${depth}) (layer '${layer}' has ${depth}), got [${String(channels)}]`,
    );
  }
  const keep = Array.from({ length: depth }, (_, c) => (channels.includes(c) ? 0 : 1));
  const run = (z: tf.Tensor2D, stopAt?: string): tf.Tensor =>
    tf.tidy(() =>
      forwardLayers(model, z, {
        stopAt,
        after: (l, y) => (l.name === layer ? tf.mul(y, tf.tensor1d(keep)) : y),
      }),
    );
  return {
    layer,
    channels: [...channels],
    predict: (z) => run(z) as tf.Tensor4D,
    activations: (z, name) => {
      findLayer(model, name);
      return run(z, name);
    },
  };
}
