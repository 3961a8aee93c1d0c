import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { seededRandom } from '../util/seeded_random';

const rng = seededRandom(42);
const rand = (shape: [number, number, number, number]): tf.Tensor4D => tf.tensor4d(rng.values(shape.reduce((a, b) => a * b)), shape);

test('fromTorchWeight / toTorchWeight: [in, out, kH, kW] <-> [kH, kW, out, in], element by element, and round trip', () => {
  const before = tf.memory().numTensors;
  const w = rand([2, 3, 4, 5]);
  const f = deconv.fromTorchWeight(w);
  assert.deepEqual(f.shape, [4, 5, 3, 2]);
  const wa = w.arraySync();
  const fa = f.arraySync();
  assert.equal(fa[3][1][2][0], wa[0][2][3][1]);
  assert.equal(fa[0][4][1][1], wa[1][1][0][4]);
  const back = deconv.toTorchWeight(f);
  expectArraysClose(back.dataSync(), w.dataSync(), 0);
  tf.dispose([w, f, back]);
  assert.equal(tf.memory().numTensors, before);
});

test('groups=2: the block-diagonal TF filter from fromTorchWeight(w, 2) gives convTranspose2d groups=2; toTorchWeight recovers w', () => {
  const before = tf.memory().numTensors;
  const x = rand([1, 4, 3, 3]);
  const w = rand([4, 3, 3, 3]);
  const grouped = deconv.convTranspose2d(x, w, { stride: 2, padding: 1, groups: 2 });
  const f = deconv.fromTorchWeight(w, 2);
  assert.deepEqual(f.shape, [3, 3, 6, 4]);
  assert.equal(f.arraySync()[0][0][5][0], 0, 'no weights between group 0 inputs and group 1 outputs');
  const dense = deconv.conv2dTranspose(
    x,
    f,
    [1, 6, 5, 5],
    2,
    [
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ],
    'NCHW',
  );
  expectArraysClose(grouped.dataSync(), dense.dataSync(), 1e-5);
  const back = deconv.toTorchWeight(f, 2);
  expectArraysClose(back.dataSync(), w.dataSync(), 0);
  tf.dispose([x, w, grouped, f, dense, back]);
  assert.equal(tf.memory().numTensors, before);
});

test('input=1x1x2x2 rank 3 (CHW), k=3, s=2, p=1, op=1, bias: shape 4x4 and equal to the batched call', () => {
  const before = tf.memory().numTensors;
  const x = rand([1, 1, 2, 2]);
  const w = rand([1, 2, 3, 3]);
  const bias = tf.tensor1d([0.5, -1]);
  const batched = deconv.convTranspose2d(x, w, { stride: 2, padding: 1, outputPadding: 1, bias });
  const single = deconv.convTranspose2d(tf.squeeze(x, [0]) as tf.Tensor3D, w, { stride: 2, padding: 1, outputPadding: 1, bias });
  assert.deepEqual(batched.shape, [1, 2, 4, 4]);
  assert.deepEqual(single.shape, [2, 4, 4]);
  expectArraysClose(single.dataSync(), batched.dataSync(), 0);
  tf.dispose([x, w, bias, batched, single]);
  assert.ok(tf.memory().numTensors <= before + 1); // the squeezed input is the caller's
});

test('padding beyond the full output: i=1,k=1,s=3,p=1,op=2 gives one row of bias only, as PyTorch', () => {
  const x = rand([1, 1, 1, 1]);
  const w = rand([1, 1, 1, 1]);
  const bias = tf.tensor1d([0.25]);
  const y = deconv.convTranspose2d(x, w, { stride: 3, padding: [1, 0], outputPadding: [2, 0], bias });
  assert.deepEqual(y.shape, [1, 1, 1, 1]);
  expectArraysClose(y.dataSync(), [0.25]);
  const g = tf.grad((v: tf.Tensor) =>
    tf.sum(deconv.convTranspose2d(v as tf.Tensor4D, w, { stride: 3, padding: [1, 0], outputPadding: [2, 0] })),
  )(x);
  expectArraysClose(g.dataSync(), [0]);
  tf.dispose([x, w, bias, y, g]);
});

test('gradients flow through groups, output padding and bias (tf.grads shapes, finite difference on the bias)', () => {
  const x = rand([1, 4, 2, 2]);
  const w = rand([4, 1, 3, 3]);
  const b = tf.tensor1d([0.1, 0.2]);
  const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Scalar =>
    tf.sum(
      tf.square(
        deconv.convTranspose2d(xx as tf.Tensor4D, ww as tf.Tensor4D, {
          stride: 2,
          padding: 1,
          outputPadding: 1,
          groups: 2,
          bias: bb as tf.Tensor1D,
        }),
      ),
    );
  const [gx, gw, gb] = tf.grads(f)([x, w, b]);
  assert.deepEqual([gx.shape, gw.shape, gb.shape], [x.shape, w.shape, b.shape]);
  const eps = 1e-2;
  const numeric = tf.sub(f(x, w, tf.tensor1d([0.1 + eps, 0.2])), f(x, w, tf.tensor1d([0.1 - eps, 0.2]))).dataSync()[0] / (2 * eps);
  assert.ok(Math.abs(numeric - gb.dataSync()[0]) < 1e-2, `${numeric} vs ${gb.dataSync()[0]}`);
});

const x = tf.zeros([1, 4, 3, 3]) as tf.Tensor4D;
const w = tf.zeros([4, 2, 3, 3]) as tf.Tensor4D;
const bad: Array<[string, () => unknown, RegExp]> = [
  [
    'outputPadding >= max(stride, dilation)',
    () => deconv.convTranspose2d(x, w, { stride: 2, outputPadding: 2 }),
    /outputPadding must be smaller than max\(stride, dilation\) = 2, got 2/,
  ],
  [
    'weight channels mismatch',
    () => deconv.convTranspose2d(x, tf.zeros([3, 2, 3, 3]) as tf.Tensor4D),
    /input has 4 channels but weight.shape\[0\] is 3/,
  ],
  ['groups not dividing the channels', () => deconv.convTranspose2d(x, w, { groups: 3 }), /input channels 4 must be divisible by groups 3/],
  [
    'bias of the wrong size',
    () => deconv.convTranspose2d(x, w, { groups: 2, bias: tf.zeros([2]) as tf.Tensor1D }),
    /bias must have shape \[4\]/,
  ],
  ['padding leaving no output', () => deconv.convTranspose2d(x, w, { padding: 3 }), /output size .* = -1 is not positive/],
  ['NaN stride', () => deconv.convTranspose2d(x, w, { stride: NaN }), /stride must be a positive integer, got NaN/],
  [
    'input rank 2',
    () => deconv.convTranspose2d(tf.zeros([3, 3]) as unknown as tf.Tensor4D, w),
    /input must be rank 4 \[batch, inChannels, height, width\]/,
  ],
];
for (const [name, fn, message] of bad) {
  test(`convTranspose2d rejects ${name}`, () => assert.throws(fn, message));
}
