import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';

const { latentWalk, interpolate } = deconv.experiments;

test('latentWalk rows=2,steps=5,mode=slerp: row r·steps+i is interpolate(from[r], to[r], i/4); images = G(z); no leaks', () => {
  const g = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 6, width: 4, seed: 3 });
  const from = tf.randomNormal([2, 6], 0, 1, 'float32', 1) as tf.Tensor2D;
  const to = tf.randomNormal([2, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
  const expected = g.predict(tf.zeros([1, 6])) as tf.Tensor; // builds the model's weights before counting
  expected.dispose();
  const before = tf.memory().numTensors;
  const walk = latentWalk({ from, to, steps: 5, generator: g });
  assert.deepEqual(walk.z.shape, [10, 6]);
  assert.deepEqual(walk.t, [0, 0.25, 0.5, 0.75, 1]);
  const a = from.arraySync();
  const b = to.arraySync();
  const z = walk.z.arraySync();
  for (let r = 0; r < 2; r++) {
    for (let i = 0; i < 5; i++) expectArraysClose(z[r * 5 + i], interpolate(a[r], b[r], i / 4, 'slerp'), 1e-6);
  }
  assert.ok(walk.images);
  assert.deepEqual(walk.images.shape, [10, 8, 8, 1]);
  const reference = g.predict(walk.z) as tf.Tensor;
  expectArraysClose(walk.images.dataSync(), reference.dataSync(), 1e-5);
  tf.dispose([walk.z, walk.images, reference]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([from, to]);
  g.dispose();
});

test('latentWalk one 1-D pair, mode=linear, no generator: steps rows and no images', () => {
  const walk = latentWalk({ from: tf.tensor1d([0, 0]), to: tf.tensor1d([3, 6]), steps: 4, mode: 'linear' });
  expectArraysClose(walk.z.dataSync(), [0, 0, 1, 2, 2, 4, 3, 6], 1e-6);
  assert.equal(walk.images, undefined);
  walk.z.dispose();
});

test('latentWalk errors: shape mismatch, steps < 2, zDim mismatch with the generator (z freed)', () => {
  const g = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 6, width: 4, seed: 3 });
  const a = tf.zeros([2, 5]);
  const b = tf.ones([2, 5]);
  assert.throws(() => latentWalk({ from: a, to: tf.ones([1, 5]) }), /from has shape \[2, 5\] but to has \[1, 5\]/);
  assert.throws(() => latentWalk({ from: a, to: b, steps: 1 }), /steps must be an integer >= 2.*got 1/);
  assert.throws(
    () => latentWalk({ from: tf.zeros([2, 2, 2]), to: tf.zeros([2, 2, 2]) }),
    /from must be a latent vector \[zDim\] or a batch \[N, zDim\], got shape \[2, 2, 2\]/,
  );
  const before = tf.memory().numTensors;
  assert.throws(() => latentWalk({ from: a, to: b, mode: 'linear', generator: g }), /takes z of shape \[N, 6\] but got \[20, 5\]/);
  assert.equal(tf.memory().numTensors, before);
  g.dispose();
});
