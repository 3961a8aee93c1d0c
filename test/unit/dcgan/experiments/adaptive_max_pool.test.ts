import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';
import { expectTorchGolden } from './torch_golden';

const { adaptiveMaxPool } = deconv.experiments;

// Golden outputs of torch.nn.functional.adaptive_max_pool2d(x, 4), NHWC; recipe: test/golden/make_dcgan_experiments_golden.py.
// x[a, y, x, k] = sin(0.37·(1000a + 31y + 7x + k) + 0.5), shape [2, L, L, 3].
function formulaMaps(side: number): tf.Tensor4D {
  const values: number[] = [];
  for (let a = 0; a < 2; a++)
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) for (let k = 0; k < 3; k++) values.push(Math.sin(0.37 * (a * 1000 + y * 31 + x * 7 + k) + 0.5));
  return tf.tensor4d(values, [2, side, side, 3]);
}

for (const side of [7, 14]) {
  test(`adaptiveMaxPool input=2x${side}x${side}x3,size=4 matches PyTorch AdaptiveMaxPool2d; no leaks`, () => {
    const x = formulaMaps(side);
    const before = tf.memory().numTensors;
    const y = adaptiveMaxPool(x, 4);
    expectTorchGolden(y, `adaptive_max_pool L=${side}`);
    y.dispose();
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });
}

test('adaptiveMaxPool input=1x16x16x2,size=4 (divisible) equals tf.maxPool(4, 4); input=1x2x2x1,size=4 repeats values', () => {
  const x = tf.randomNormal([1, 16, 16, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
  const y = adaptiveMaxPool(x, 4);
  const reference = tf.maxPool(x, 4, 4, 'valid');
  expectArraysClose(y.dataSync(), reference.dataSync(), 0);
  const small = adaptiveMaxPool(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), 4);
  expectArraysClose(small.dataSync(), [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], 0);
  tf.dispose([x, y, reference, small]);
});

test('adaptiveMaxPool errors: rank and size', () => {
  assert.throws(
    () => adaptiveMaxPool(tf.zeros([4, 4, 1]) as unknown as tf.Tensor4D, 4),
    /expected maps \[N, H, W, C\], got shape \[4, 4, 1\]/,
  );
  assert.throws(() => adaptiveMaxPool(tf.zeros([1, 4, 4, 1]) as tf.Tensor4D, 0), /size must be an integer >= 1, got 0/);
});
