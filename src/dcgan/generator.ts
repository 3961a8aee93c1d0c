import * as tf from '@tensorflow/tfjs-node';
import { architecture, type ArchitectureOptions } from './architecture';
import { WeightInit } from './weight_init';

/** Batch-norm settings of both networks: PyTorch's defaults (eps 1e-5, running averages with factor 0.1). */
export const BATCH_NORM = { epsilon: 1e-5, momentum: 0.9 } as const;

/** A batch-norm layer of either network, with a learned scale and offset only when `affine`. */
export function batchNormLayer(name: string, affine: boolean, init: WeightInit): tf.layers.Layer {
  return affine
    ? tf.layers.batchNormalization({ name, ...BATCH_NORM, gammaInitializer: init.gamma() })
    : tf.layers.batchNormalization({ name, ...BATCH_NORM, center: false, scale: false });
}

/**
 * The DCGAN generator (Radford et al. 2015): z → projection (dense, no bias) reshaped to a 4×4 (or 7×7) map →
 * 5×5 (or `kernelSize`) stride-2 transposed convolutions ('same' padding, each doubling the side) with batch norm and
 * ReLU → a last transposed convolution to `channels` with tanh and no batch norm.
 * For imageSize 7·2ⁿ (MNIST's 28) it follows the TensorFlow tutorial's layout: the projection is twice as wide and a
 * stride-1 transposed convolution follows it (7×7×256 → 7×7×128 → 14×14×64 → 28×28×1 at width 64).
 * With `classes` > 0 its input is z followed by a one-hot label (`conditionLatent`).
 */
export function generator(options: ArchitectureOptions = {}): tf.Sequential {
  const arch = architecture(options);
  const init = new WeightInit(arch.seed);
  const { kernelSize } = arch;
  const top = arch.stages[0];
  const projected = arch.baseSize === 7 ? top.channels * 2 : top.channels;
  const model = tf.sequential({ name: 'generator' });
  model.add(
    tf.layers.dense({
      name: 'project',
      inputShape: [arch.zDim + arch.classes],
      units: top.size * top.size * projected,
      useBias: false,
      kernelInitializer: init.kernel(),
    }),
  );
  model.add(tf.layers.reshape({ name: 'reshape', targetShape: [top.size, top.size, projected] }));
  const normRelu = (index: number): void => {
    model.add(batchNormLayer(`bn${index}`, arch.batchNormAffine, init));
    model.add(tf.layers.reLU({ name: `relu${index}` }));
  };
  normRelu(0);
  const deconv = (index: number, filters: number, strides: number, useBias: boolean): void => {
    model.add(
      tf.layers.conv2dTranspose({
        name: `deconv${index}`,
        filters,
        kernelSize,
        strides,
        padding: 'same',
        useBias,
        kernelInitializer: init.kernel(),
      }),
    );
  };
  let index = 1;
  if (arch.baseSize === 7) {
    deconv(index, top.channels, 1, false);
    normRelu(index++);
  }
  for (const stage of arch.stages.slice(1)) {
    deconv(index, stage.channels, 2, false);
    normRelu(index++);
  }
  deconv(index, arch.channels, 2, true);
  model.add(tf.layers.activation({ name: 'tanh', activation: 'tanh' }));
  return model;
}
