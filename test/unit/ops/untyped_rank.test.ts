// Tensors as cells make them (`tf.ones(...)` is typed `Tensor<Rank>`) go into the public ops without casts: this file
// compiling is half the test (the typed overloads); the other half is that ranks are still checked at run time.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';

test('conv2dTranspose takes Tensor<Rank>: input=2x2x1 of ones, f=3x3 ones, s=1, VALID -> 4x4 overlap counts', () => {
  const [x, w] = [tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 1])];
  const y: tf.Tensor = deconv.conv2dTranspose(x, w, [1, 4, 4, 1], 1, 'VALID');
  assert.deepEqual(y.shape, [1, 4, 4, 1]);
  // Each output pixel counts the 3x3 windows of the 2x2 input that cover it.
  expectArraysClose(y.dataSync(), [1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1]);
  tf.dispose([x, w, y]);
});

test('typed inputs keep precise results: Tensor4D in -> Tensor4D out, Tensor3D in -> Tensor3D out', () => {
  const w = tf.ones<tf.Rank.R4>([3, 3, 1, 1]);
  const y4: tf.Tensor4D = deconv.conv2dTranspose(tf.ones<tf.Rank.R4>([1, 2, 2, 1]), w, [1, 4, 4, 1], 1, 'VALID');
  const y3: tf.Tensor3D = deconv.conv2dTranspose(tf.ones<tf.Rank.R3>([2, 2, 1]), w, [4, 4, 1], 1, 'VALID');
  const t4: tf.Tensor4D = deconv.convTranspose2d(tf.ones<tf.Rank.R4>([1, 1, 2, 2]), deconv.toTorchWeight(w), { stride: 1 });
  assert.deepEqual([y4.rank, y3.rank, t4.rank], [4, 3, 4]);
  tf.dispose([w, y4, y3, t4]);
});

test('an untyped tensor of the wrong rank is rejected at run time with the layout expected', () => {
  const [x, w] = [tf.ones([2, 2]), tf.ones([3, 3, 1, 1])];
  assert.throws(
    () => deconv.conv2dTranspose(x, w, [4, 4], 1, 'VALID'),
    /value must be rank 4 \[batch, height, width, inChannels\] \(NHWC\) or rank 3/,
  );
  assert.throws(() => deconv.convTranspose2d(x, w), /input must be rank 4 \[batch, inChannels, height, width\]/);
  assert.throws(() => deconv.fromTorchWeight(x), /weight must be rank 4, got shape \[2, 2\]/);
  tf.dispose([x, w]);
});
