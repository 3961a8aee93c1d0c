import * as tf from '@tensorflow/tfjs-node';
import { architecture, type ArchitectureOptions } from './architecture';
import { batchNormLayer } from './generator';
import { WeightInit } from './weight_init';

/** Slope of the discriminator's LeakyReLU for negative inputs (the paper's 0.2; Keras' default would be 0.3). */
export const LEAKY_SLOPE = 0.2;

/**
 * The DCGAN discriminator: the generator's stages walked back with stride-2 convolutions ('same' padding, no pooling),
 * LeakyReLU(0.2) after each, batch norm on all but the first (the paper keeps it off D's input layer), then the last
 * map flattened into one linear unit. The output is a logit: apply a sigmoid for the probability of "real".
 * With `classes` > 0 it takes `channels + classes` channels: the image and its label's one-hot planes (`conditionImages`).
 */
export function discriminator(options: Omit<ArchitectureOptions, 'zDim'> = {}): tf.Sequential {
  const arch = architecture(options);
  const init = new WeightInit(arch.seed === undefined ? undefined : arch.seed + 7);
  const model = tf.sequential({ name: 'discriminator' });
  const stages = [...arch.stages].reverse();
  stages.forEach((stage, i) => {
    const first = i === 0;
    model.add(
      tf.layers.conv2d({
        name: `conv${i + 1}`,
        filters: stage.channels,
        kernelSize: arch.kernelSize,
        strides: 2,
        padding: 'same',
        useBias: first,
        kernelInitializer: init.kernel(),
        ...(first ? { inputShape: [arch.imageSize, arch.imageSize, arch.channels + arch.classes] } : {}),
      }),
    );
    if (!first) model.add(batchNormLayer(`bn${i + 1}`, arch.batchNormAffine, init));
    model.add(tf.layers.leakyReLU({ name: `lrelu${i + 1}`, alpha: LEAKY_SLOPE }));
  });
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ name: 'logit', units: 1, kernelInitializer: init.kernel() }));
  return model;
}
