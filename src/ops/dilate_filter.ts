import * as tf from '@tensorflow/tfjs-node';

/**
 * Inserts d − 1 zeros between the taps of a `[kh, kw, outC, inC]` filter along each spatial axis, giving
 * the `[dh(kh − 1) + 1, dw(kw − 1) + 1, outC, inC]` filter whose plain convolution equals the dilated one.
 * Built from reshape, pad and slice so gradients flow back to the original taps.
 */
export function dilateFilter(filter: tf.Tensor4D, dilations: [number, number]): tf.Tensor4D {
  const [dh, dw] = dilations;
  if (dh === 1 && dw === 1) return filter;
  const [kh, kw, outC, inC] = filter.shape;
  return tf.tidy(() => {
    const spread = tf.pad(tf.reshape(filter, [kh, 1, kw, 1, outC * inC]), [
      [0, 0],
      [0, dh - 1],
      [0, 0],
      [0, dw - 1],
      [0, 0],
    ]);
    const grid = tf.reshape(spread, [kh * dh, kw * dw, outC, inC]);
    return tf.slice(grid, [0, 0, 0, 0], [dh * (kh - 1) + 1, dw * (kw - 1) + 1, outC, inC]) as tf.Tensor4D;
  });
}
