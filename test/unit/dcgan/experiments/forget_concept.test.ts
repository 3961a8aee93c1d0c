import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';

const { forgetConcept, dropChannels } = deconv.experiments;

const tinyGenerator = (): tf.Sequential => deconv.dcgan.generator({ imageSize: 16, channels: 1, zDim: 6, width: 4, seed: 5 });

/** Per z, is relu0's channel `k` (spatial mean, from tfjs's own graph execution) above its median? */
function conceptOfChannel(g: tf.Sequential, z: tf.Tensor2D, k: number): boolean[] {
  const head = tf.model({ inputs: g.inputs, outputs: g.getLayer('relu0').output as tf.SymbolicTensor });
  const means = tf.tidy(() => tf.mean(head.predict(z) as tf.Tensor, [1, 2]).arraySync() as number[][]).map((row) => row[k]);
  const median = [...means].sort((a, b) => a - b)[Math.floor(means.length / 2)];
  return means.map((m) => m >= median);
}

test('forgetConcept layer=relu0: a concept defined by channel 3 is traced to channel 3, which is dropped; no leaks', () => {
  const g = tinyGenerator();
  const z = tf.randomNormal([64, 6], 0, 1, 'float32', 11) as tf.Tensor2D;
  const labels = conceptOfChannel(g, z, 3);
  const showZ = z.slice(0, 4);
  const before = tf.memory().numTensors;
  const out = forgetConcept({ generator: g, layer: 'relu0', z, labels, count: 1, showZ });
  assert.deepEqual(out.channels, [3]);
  assert.equal(out.weights.length, 8);
  assert.equal(out.weights.indexOf(Math.max(...out.weights)), 3);
  assert.ok(out.trainAccuracy >= 0.9, `train accuracy ${out.trainAccuracy}`);
  assert.equal(tf.memory().numTensors, before + 2);
  const intact = g.predict(showZ) as tf.Tensor;
  const dropped = dropChannels(g, 'relu0', [3]).predict(showZ);
  expectArraysClose(out.before.dataSync(), intact.dataSync(), 1e-5);
  expectArraysClose(out.after.dataSync(), dropped.dataSync(), 1e-6);
  tf.dispose([out.before, out.after, intact, dropped, showZ, z]);
  g.dispose();
});

test("forgetConcept default count: every channel with a positive weight, strongest first (the paper's rule)", () => {
  const g = tinyGenerator();
  const z = tf.randomNormal([32, 6], 0, 1, 'float32', 12) as tf.Tensor2D;
  const out = forgetConcept({ generator: g, layer: 'relu0', z, labels: conceptOfChannel(g, z, 6) });
  const expected = out.weights
    .map((w, c) => ({ w, c }))
    .filter((r) => r.w > 0)
    .sort((a, b) => b.w - a.w)
    .map((r) => r.c);
  assert.deepEqual(out.channels, expected);
  assert.equal(out.channels[0], 6);
  assert.deepEqual(out.before.shape, [32, 16, 16, 1]);
  tf.dispose([out.before, out.after, z]);
  g.dispose();
});

test('forgetConcept errors: one kind of label, wrong count of labels, non-binary labels, count out of range, 2-D layer', () => {
  const g = tinyGenerator();
  const z = tf.randomNormal([8, 6], 0, 1, 'float32', 13) as tf.Tensor2D;
  const mixed = [1, 0, 1, 0, 1, 0, 1, 0];
  const before = tf.memory().numTensors;
  assert.throws(() => forgetConcept({ generator: g, layer: 'relu0', z, labels: Array(8).fill(true) }), /both kinds.*got 8 positive of 8/);
  assert.throws(
    () => forgetConcept({ generator: g, layer: 'relu0', z, labels: [1, 0] }),
    /one boolean \(or 0\/1\) per row of z \(8 rows\), got 2 values/,
  );
  assert.throws(() => forgetConcept({ generator: g, layer: 'relu0', z, labels: [2, 0, 1, 0, 1, 0, 1, 0] }), /including non-binary ones/);
  assert.throws(
    () => forgetConcept({ generator: g, layer: 'relu0', z, labels: mixed, count: 9 }),
    /count must be an integer in \[1, 8\].*got 9/,
  );
  assert.throws(
    () => forgetConcept({ generator: g, layer: 'project', z, labels: mixed }),
    /layer 'project' outputs shape \[8, 128\]; pick a layer with \[N, H, W, C\]/,
  );
  assert.equal(tf.memory().numTensors, before);
  z.dispose();
  g.dispose();
});
