import * as tf from '@tensorflow/tfjs-node';

/**
 * A tensor argument as cells make them: a `tf.Tensor` of any declared rank (`tf.ones([1, 2, 2, 1])` is a
 * `Tensor<Rank>`) or nested arrays. Functions check the rank at run time and say which layout they expect.
 */
export type TensorInput = tf.Tensor | tf.TensorLike;

/** The tensor itself, or a new float tensor made from nested arrays. */
export function toTensor(value: TensorInput): tf.Tensor {
  return value instanceof tf.Tensor ? value : tf.tensor(value);
}
