import * as tf from '@tensorflow/tfjs-node';
import { conditionLatent } from '../condition';
import { generate } from './generate';
import type { LabelledImages } from './labelled_images';

/** Options of {@link conditionalSamples}. */
export interface ConditionalSamplesOptions {
  /** Samples of each class. */
  perClass: number;
  /** Classes the generator was built for (its input is zDim + classes values). */
  classes: number;
  /** Seed of z ~ N(0, 1); default 0. */
  seed?: number;
  /** Images per generator call; default 256. */
  batchSize?: number;
}

/**
 * `perClass` samples of each class from a class-conditional generator (inference mode), class by class: labels
 * 0,…,0, 1,…,1, …, so a grid with `perClass` columns shows one class per row. The caller disposes `images`.
 */
export function conditionalSamples(generator: tf.LayersModel, options: ConditionalSamplesOptions): LabelledImages {
  const { perClass, classes } = options;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(perClass) || perClass < 1)
    throw new Error(`conditionalSamples: perClass must be a positive integer, got ${perClass}`);
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`conditionalSamples: classes must be an integer >= 2, got ${classes}`);
  if (!Number.isInteger(seed)) throw new Error(`conditionalSamples: seed must be an integer, got ${seed}`);
  const inputSize = generator.inputs[0].shape[1] as number;
  if (generator.inputs[0].shape.length !== 2 || inputSize <= classes) {
    throw new Error(
      `conditionalSamples: generator '${generator.name}' takes [N, ${inputSize}], not z followed by ${classes} one-hot values; build it with classes: ${classes}`,
    );
  }
  const labels = Int32Array.from({ length: perClass * classes }, (_, i) => Math.floor(i / perClass));
  const input = tf.tidy(() =>
    conditionLatent(tf.randomNormal([labels.length, inputSize - classes], 0, 1, 'float32', seed), labels, classes),
  );
  try {
    return { images: generate(generator, input, options.batchSize ?? 256), labels };
  } finally {
    input.dispose();
  }
}
