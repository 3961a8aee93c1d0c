import * as tf from '@tensorflow/tfjs-node';
import { checkInt, describe } from '../check';

function checkDivisible(name: string, shape: number[], groups: number, axes: Array<[number, string]>): void {
  if (shape.length !== 4) throw new Error(`${name} must be rank 4, got shape ${describe(shape)}`);
  checkInt('groups', groups, 1);
  for (const [axis, what] of axes) {
    if (shape[axis] % groups !== 0) {
      throw new Error(`${name} ${describe(shape)} has ${shape[axis]} ${what} (axis ${axis}), not divisible by groups ${groups}`);
    }
  }
}

/**
 * PyTorch's transposed-convolution weight `[inChannels, outChannels/groups, kH, kW]` as TF's filter
 * `[kH, kW, outChannels, inChannels]`; with groups > 1 the TF filter is block-diagonal (zeros between groups).
 */
export function fromTorchWeight(weight: tf.Tensor, groups = 1): tf.Tensor4D {
  checkDivisible('weight', weight.shape, groups, [[0, 'input channels']]);
  if (groups === 1) return tf.transpose(weight as tf.Tensor4D, [2, 3, 1, 0]);
  const outPer = (weight as tf.Tensor4D).shape[1];
  return tf.tidy(() => {
    const blocks = tf.split(weight, groups, 0).map((w, g) =>
      tf.pad(tf.transpose(w, [2, 3, 1, 0]), [
        [0, 0],
        [0, 0],
        [g * outPer, (groups - 1 - g) * outPer],
        [0, 0],
      ]),
    );
    return tf.concat(blocks, 3) as tf.Tensor4D;
  });
}

/**
 * TF's filter `[kH, kW, outChannels, inChannels]` as PyTorch's weight `[inChannels, outChannels/groups, kH, kW]`;
 * with groups > 1 only the diagonal blocks are kept (a grouped convolution has no weights between groups).
 */
export function toTorchWeight(filter: tf.Tensor, groups = 1): tf.Tensor4D {
  checkDivisible('filter', filter.shape, groups, [
    [2, 'output channels'],
    [3, 'input channels'],
  ]);
  if (groups === 1) return tf.transpose(filter as tf.Tensor4D, [3, 2, 0, 1]);
  const [kh, kw, outC, inC] = (filter as tf.Tensor4D).shape;
  const outPer = outC / groups;
  const inPer = inC / groups;
  return tf.tidy(() => {
    const blocks = Array.from({ length: groups }, (_, g) =>
      tf.transpose(tf.slice(filter, [0, 0, g * outPer, g * inPer], [kh, kw, outPer, inPer]), [3, 2, 0, 1]),
    );
    return tf.concat(blocks, 0) as tf.Tensor4D;
  });
}
