import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';

const { dropChannels } = deconv.experiments;

/** G: z(6) → 4×4×8 (relu0) → 8×8×4 (relu1) → 16×16×1. */
const tinyGenerator = (): tf.Sequential => deconv.dcgan.generator({ imageSize: 16, channels: 1, zDim: 6, width: 4, seed: 5 });

/** relu0's output by tfjs's own graph execution, and the rest of G as a separate model fed from it. */
function splitAtRelu0(g: tf.Sequential): { head: tf.LayersModel; tail: tf.LayersModel } {
  const head = tf.model({ inputs: g.inputs, outputs: g.getLayer('relu0').output as tf.SymbolicTensor });
  const input = tf.input({ shape: [4, 4, 8] });
  let y: tf.SymbolicTensor = input;
  for (const name of ['deconv1', 'bn1', 'relu1', 'deconv2', 'tanh']) y = g.getLayer(name).apply(y) as tf.SymbolicTensor;
  return { head, tail: tf.model({ inputs: input, outputs: y }) };
}

test('dropChannels layer=relu0,channels=[1,5]: exactly those channels zero, the others unchanged, images = tail(masked); no leaks', () => {
  const g = tinyGenerator();
  const z = tf.randomNormal([4, 6], 0, 1, 'float32', 8) as tf.Tensor2D;
  const { head, tail } = splitAtRelu0(g);
  const original = head.predict(z) as tf.Tensor4D;
  const dropped = dropChannels(g, 'relu0', [1, 5]);
  const before = tf.memory().numTensors;
  const acts = dropped.activations(z, 'relu0');
  const images = dropped.predict(z);
  assert.equal(tf.memory().numTensors, before + 2);
  const a = acts.dataSync();
  const o = original.dataSync();
  let nonZeroDropped = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 8 === 1 || i % 8 === 5) {
      assert.equal(a[i], 0, `element ${i} (channel ${i % 8}) should be dropped`);
      if (o[i] !== 0) nonZeroDropped++;
    } else {
      assert.ok(Math.abs(a[i] - o[i]) < 1e-5, `element ${i} (channel ${i % 8}) changed: ${a[i]} vs ${o[i]}`);
    }
  }
  assert.ok(nonZeroDropped > 0, 'the dropped channels were active before');
  const masked = tf.mul(original, tf.tensor1d([1, 0, 1, 1, 1, 0, 1, 1]));
  const reference = tail.predict(masked) as tf.Tensor;
  expectArraysClose(images.dataSync(), reference.dataSync(), 1e-5);
  const intact = g.predict(z) as tf.Tensor;
  assert.ok(tf.sub(intact, images).abs().max().dataSync()[0] > 1e-7, 'dropping active channels changes the images');
  tf.dispose([acts, images, original, masked, reference, intact, z]);
  g.dispose();
});

test('dropChannels channels=[] is the intact generator; later layers see the drop', () => {
  const g = tinyGenerator();
  const z = tf.randomNormal([3, 6], 0, 1, 'float32', 9) as tf.Tensor2D;
  const none = dropChannels(g, 'relu1', []).predict(z);
  const intact = g.predict(z) as tf.Tensor;
  expectArraysClose(none.dataSync(), intact.dataSync(), 1e-5);
  const later = dropChannels(g, 'relu0', [0, 1, 2, 3, 4, 5, 6, 7]).activations(z, 'bn1');
  // With every relu0 channel zero, deconv1 (no bias) gives 0, so bn1 outputs its per-channel constant β − γ·μ/√(σ²+ε).
  const values = later.arraySync() as number[][][][];
  for (let c = 0; c < 4; c++)
    assert.ok(values.every((img) => img.every((row) => row.every((px) => Math.abs(px[c] - values[0][0][0][c]) < 1e-6))));
  tf.dispose([none, intact, later, z]);
  g.dispose();
});

test('dropChannels errors: channel out of range, duplicates, unknown layer, z size', () => {
  const g = tinyGenerator();
  assert.throws(() => dropChannels(g, 'relu0', [8]), /channels must be distinct integers in \[0, 8\) \(layer 'relu0' has 8\), got \[8\]/);
  assert.throws(() => dropChannels(g, 'relu0', [1, 1]), /distinct integers/);
  assert.throws(() => dropChannels(g, 'relu7', [0]), /no layer 'relu7'/);
  assert.throws(
    () => dropChannels(g, 'relu0', [0]).predict(tf.zeros([2, 5]) as tf.Tensor2D),
    /takes inputs of shape \[N, 6\], got \[2, 5\]/,
  );
  g.dispose();
});
