import * as tf from '@tensorflow/tfjs-node';
import { checkRank } from '../../check';
import { findLayer, forwardLayers, sequentialModel } from './forward_layers';

/** Options of {@link guidedBackprop}. */
export interface GuidedBackpropOptions {
  discriminator: tf.LayersModel;
  /** Input images `[N, H, W, C]` as the discriminator sees them (e.g. in [-1, 1]). */
  images: tf.Tensor;
  /** The layer whose feature maps are explained (e.g. the last LeakyReLU, as in the paper's Fig. 5). */
  layer: string;
  /** Channels of that layer, one view per channel and image. */
  channels: number[];
  /** 'max' (default): the feature's strongest spatial response per image, the paper's "maximal axis-aligned responses"; 'sum': its total. */
  reduce?: 'max' | 'sum';
  /** Scale each view by its largest absolute value to [-1, 1] for display (default true). */
  normalize?: boolean;
}

/**
 * The rectifier `layer` computes, with the guided-backpropagation gradient dy·[x > 0]·[dy > 0] (Springenberg et al.
 * 2014): only positive evidence flows back, through units that were on. For LeakyReLU the negative slope is
 * gated off too, so the rule is the same for both.
 */
function guidedRectifier(layer: tf.layers.Layer): ((x: tf.Tensor) => tf.Tensor) | undefined {
  const config = layer.getConfig();
  const kind = layer.getClassName();
  if (kind === 'ReLU' && config.maxValue != null) {
    throw new Error(
      `guidedBackprop: layer '${layer.name}' is a ReLU capped at ${String(config.maxValue)}; only uncapped ReLU and LeakyReLU can be gated`,
    );
  }
  const rectifier = kind === 'ReLU' || kind === 'LeakyReLU' || (kind === 'Activation' && config.activation === 'relu');
  if (!rectifier) {
    if (kind !== 'Activation' && config.activation !== undefined && config.activation !== 'linear') {
      throw new Error(
        `guidedBackprop: layer '${layer.name}' (${kind}) has a built-in '${String(config.activation)}' activation that cannot be gated; split it into a separate ReLU/LeakyReLU layer`,
      );
    }
    return undefined;
  }
  const alpha = kind === 'LeakyReLU' ? (config.alpha as number) : 0;
  const gated = (x: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return {
      value: alpha ? tf.leakyRelu(x, alpha) : tf.relu(x),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.where(tf.logicalAnd(tf.greater(saved[0], 0), tf.greater(dy, 0)), dy, tf.zerosLike(dy)),
    };
  };
  return tf.customGrad(gated as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;
}

/**
 * Guided-backpropagation views of discriminator features (paper Fig. 5): for each channel and image, the gradient
 * of the channel's response with respect to the input image, rectifier gradients gated as in {@link guidedRectifier}.
 * The discriminator is re-run layer by layer in inference mode with its rectifier layers swapped for gated ones
 * (tf.customGrad), so its weights are used as they are and nothing is added to the model. Returns
 * `[channels·N, H, W, C]`, channel-major: show it with `columns: N` for one row per channel.
 */
export function guidedBackprop(options: GuidedBackpropOptions): tf.Tensor4D {
  const model = sequentialModel(options.discriminator, 'discriminator');
  const { images, layer, channels, reduce = 'max', normalize = true } = options;
  checkRank('guidedBackprop', 'images', images.shape, 4, '[N, H, W, C]');
  const target = findLayer(model, layer);
  const outShape = target.outputShape as number[];
  const depth = outShape[outShape.length - 1];
  if (!Array.isArray(channels) || channels.length === 0 || channels.some((c) => !Number.isInteger(c) || c < 0 || c >= depth)) {
    throw new Error(
      `guidedBackprop: channels must be a non-empty list of integers in [0, ${depth}) (layer '${layer}' has ${depth}), got [${String(channels)}]`,
    );
  }
  if (reduce !== 'max' && reduce !== 'sum') throw new Error(`guidedBackprop: reduce must be 'max' or 'sum', got '${String(reduce)}'`);
  const gates = new Map(model.layers.map((l) => [l.name, guidedRectifier(l)]));
  return tf.tidy(() => {
    const n = images.shape[0];
    // Every (channel, image) pair is one row of a tiled batch, so one backward pass gives all views.
    const tiled = tf.tile(images, [channels.length, 1, 1, 1]);
    const pick = tf.oneHot(
      tf.tensor1d(
        channels.flatMap((c) => Array<number>(n).fill(c)),
        'int32',
      ),
      depth,
    );
    const objective = (x: tf.Tensor): tf.Scalar => {
      const y = forwardLayers(model, x, { stopAt: layer, replace: (l, input) => gates.get(l.name)?.(input) });
      const mask = pick.reshape([pick.shape[0], ...Array<number>(y.rank - 2).fill(1), depth]);
      const response = tf.sum(tf.mul(y, mask), -1).reshape([y.shape[0], -1]);
      return tf.sum(reduce === 'max' ? tf.max(response, 1) : response);
    };
    const views = tf.grad(objective)(tiled) as tf.Tensor4D;
    if (!normalize) return views;
    const scale = tf.max(tf.abs(views), [1, 2, 3], true);
    return tf.div(views, tf.maximum(scale, 1e-12)) as tf.Tensor4D;
  });
}
