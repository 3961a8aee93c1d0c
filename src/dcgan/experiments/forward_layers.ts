import * as tf from '@tensorflow/tfjs-node';

/** Hooks of {@link forwardLayers}. */
export interface ForwardHooks {
  /** Stop after this layer and return its output (default: run the whole model). */
  stopAt?: string;
  /** Computes a layer in place of `layer.apply` when it returns a tensor (e.g. a guided activation). */
  replace?: (layer: tf.layers.Layer, input: tf.Tensor) => tf.Tensor | undefined;
  /** Post-processes a layer's output (e.g. zeroes channels or records it). */
  after?: (layer: tf.layers.Layer, output: tf.Tensor) => tf.Tensor;
}

/** The model as a tf.Sequential, or an error saying what the experiments need. */
export function sequentialModel(model: tf.LayersModel, role: string): tf.Sequential {
  if (!(model instanceof tf.Sequential)) {
    throw new Error(
      `${role} must be a tf.Sequential (as built by deconv.dcgan.generator/discriminator or loaded from their model.json), got a ${model.getClassName()}; rebuild it as a sequential model`,
    );
  }
  return model;
}

/** The layer called `name` in `model`, or an error listing the layer names. */
export function findLayer(model: tf.Sequential, name: string): tf.layers.Layer {
  const layer = model.layers.find((l) => l.name === name);
  if (!layer) throw new Error(`model '${model.name}' has no layer '${name}'; its layers are ${model.layers.map((l) => l.name).join(', ')}`);
  return layer;
}

/**
 * Runs a sequential model eagerly, one layer after the other, in inference mode (batch norm uses its moving
 * averages). Unlike building a new tf.LayersModel over the same layers, this adds no nodes to the shared layers, so
 * the original model's `layer.output` and serialisation stay as they were. Call inside tf.tidy.
 */
export function forwardLayers(model: tf.Sequential, x: tf.Tensor, hooks: ForwardHooks = {}): tf.Tensor {
  if (hooks.stopAt !== undefined) findLayer(model, hooks.stopAt);
  const expected = model.inputs[0].shape.slice(1);
  if (x.rank !== expected.length + 1 || expected.some((d, i) => d !== null && d !== x.shape[i + 1])) {
    throw new Error(
      `model '${model.name}' takes inputs of shape [N, ${expected.join(', ')}], got [${x.shape.join(', ')}]; pass a batch of that shape`,
    );
  }
  let y = x;
  for (const layer of model.layers) {
    const replaced = hooks.replace?.(layer, y);
    y = replaced ?? (layer.apply(y, { training: false }) as tf.Tensor);
    if (hooks.after) y = hooks.after(layer, y);
    if (layer.name === hooks.stopAt) break;
  }
  return y;
}
