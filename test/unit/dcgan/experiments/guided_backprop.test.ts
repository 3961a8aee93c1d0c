import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';
import { expectTorchGolden } from './torch_golden';

const { guidedBackprop } = deconv.experiments;

// Golden views from PyTorch with a hand-written guided LeakyReLU (torch.autograd.Function whose backward is
// dy·[x > 0]·[dy > 0]); recipe: test/golden/make_dcgan_experiments_golden.py. Network, weights and images from the same formulas.
/** conv1 (3×3, 2 filters, stride 2, same, bias) → LeakyReLU(0.2) → conv2 (2×2, 3 filters, valid) → BN (inference) → LeakyReLU → dense. */
function tinyDiscriminator(): tf.Sequential {
  const model = tf.sequential({ name: 'tiny' });
  model.add(tf.layers.conv2d({ name: 'conv1', inputShape: [5, 5, 1], filters: 2, kernelSize: 3, strides: 2, padding: 'same' }));
  model.add(tf.layers.leakyReLU({ name: 'lrelu1', alpha: 0.2 }));
  model.add(tf.layers.conv2d({ name: 'conv2', filters: 3, kernelSize: 2, padding: 'valid', useBias: false }));
  model.add(tf.layers.batchNormalization({ name: 'bn2', epsilon: 1e-3 }));
  model.add(tf.layers.leakyReLU({ name: 'lrelu2', alpha: 0.2 }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ name: 'logit', units: 1 }));
  const kernel = (shape: number[], f: (y: number, x: number, i: number, o: number) => number): tf.Tensor => {
    const [kh, kw, cin, cout] = shape;
    const values: number[] = [];
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) values.push(f(y, x, i, o));
    return tf.tensor4d(values, shape as [number, number, number, number]);
  };
  const weights = [
    kernel([3, 3, 1, 2], (y, x, _i, o) => Math.sin(1.3 * (y * 3 + x) + 2.1 * o + 0.4)),
    tf.tensor1d([0.05, -0.1]),
    kernel([2, 2, 2, 3], (y, x, i, o) => Math.cos(0.7 * (y * 2 + x) + 1.7 * i + 0.9 * o)),
    tf.tensor1d([1.2, 0.8, 1.0]),
    tf.tensor1d([0.1, 1.4, 2.6]),
    tf.tensor1d([0.05, -0.1, 0.2]),
    tf.tensor1d([0.5, 1.5, 0.9]),
  ];
  model.getLayer('conv1').setWeights(weights.slice(0, 2));
  model.getLayer('conv2').setWeights(weights.slice(2, 3));
  model.getLayer('bn2').setWeights(weights.slice(3));
  tf.dispose(weights);
  return model;
}

function tinyImages(): tf.Tensor4D {
  const values: number[] = [];
  for (let a = 0; a < 2; a++)
    for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) values.push(Math.cos(0.9 * (a * 25 + y * 5 + x) + 0.3 * a));
  return tf.tensor4d(values, [2, 5, 5, 1]);
}

for (const reduce of ['max', 'sum'] as const) {
  test(`guidedBackprop input=2x5x5x1,layer=lrelu2,channels=[0,2],reduce=${reduce} matches PyTorch guided backprop; no leaks`, () => {
    const model = tinyDiscriminator();
    const images = tinyImages();
    const before = tf.memory().numTensors;
    const views = guidedBackprop({ discriminator: model, images, layer: 'lrelu2', channels: [0, 2], reduce, normalize: false });
    expectTorchGolden(views, `guided channels=[0,2] reduce=${reduce}`);
    views.dispose();
    assert.equal(tf.memory().numTensors, before);
    images.dispose();
    model.dispose();
  });
}

test('guidedBackprop differs from the plain gradient (the gating is applied), and leaves the model untouched', () => {
  const model = tinyDiscriminator();
  const images = tinyImages();
  const features = tf.model({ inputs: model.inputs, outputs: model.getLayer('lrelu2').output as tf.SymbolicTensor });
  const plain = tf.grad((x: tf.Tensor) =>
    tf.sum(tf.max(tf.reshape(tf.slice(features.apply(x) as tf.Tensor, [0, 0, 0, 0], [-1, -1, -1, 1]), [2, -1]), 1)),
  )(images);
  const guided = guidedBackprop({ discriminator: model, images, layer: 'lrelu2', channels: [0], normalize: false });
  assert.ok(Math.max(...Array.from(tf.sub(plain, guided).abs().dataSync())) > 0.1, 'guided view should differ from the plain gradient');
  assert.equal(model.getLayer('lrelu2').inboundNodes.length, 1, "guidedBackprop must not add nodes to the model's layers");
  tf.dispose([plain, guided, images]);
  model.dispose();
});

test('guidedBackprop normalize=true scales each view to max |value| = 1', () => {
  const model = tinyDiscriminator();
  const images = tinyImages();
  const raw = guidedBackprop({ discriminator: model, images, layer: 'lrelu2', channels: [0, 2], normalize: false });
  const scaled = guidedBackprop({ discriminator: model, images, layer: 'lrelu2', channels: [0, 2] });
  const r = raw.reshape([4, 25]).arraySync() as number[][];
  const s = scaled.reshape([4, 25]).arraySync() as number[][];
  r.forEach((row, i) => {
    const peak = Math.max(...row.map(Math.abs));
    expectArraysClose(s[i], peak === 0 ? row : row.map((v) => v / peak), 1e-6);
  });
  tf.dispose([raw, scaled, images]);
  model.dispose();
});

test('guidedBackprop on deconv.dcgan.discriminator(imageSize=16,width=4): one view per channel and image', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 16, channels: 1, width: 4, seed: 2 });
  const images = tf.randomUniform([3, 16, 16, 1], -1, 1, 'float32', 9) as tf.Tensor4D;
  const views = guidedBackprop({ discriminator: d, images, layer: 'lrelu2', channels: [0, 1, 7] });
  assert.deepEqual(views.shape, [9, 16, 16, 1]);
  tf.dispose([views, images]);
  d.dispose();
});

test('guidedBackprop errors: channel out of range, unknown layer, built-in activation, capped ReLU, bad reduce', () => {
  const model = tinyDiscriminator();
  const images = tinyImages();
  assert.throws(
    () => guidedBackprop({ discriminator: model, images, layer: 'lrelu2', channels: [3] }),
    /channels must be a non-empty list of integers in \[0, 3\).*got \[3\]/,
  );
  assert.throws(
    () => guidedBackprop({ discriminator: model, images, layer: 'lrelu9', channels: [0] }),
    /no layer 'lrelu9'; its layers are conv1, lrelu1/,
  );
  assert.throws(
    () => guidedBackprop({ discriminator: model, images, layer: 'lrelu2', channels: [0], reduce: 'mean' as 'max' }),
    /reduce must be 'max' or 'sum', got 'mean'/,
  );
  const builtIn = tf.sequential({
    layers: [tf.layers.conv2d({ name: 'c', inputShape: [5, 5, 1], filters: 2, kernelSize: 3, activation: 'relu' })],
  });
  assert.throws(
    () => guidedBackprop({ discriminator: builtIn, images, layer: 'c', channels: [0] }),
    /layer 'c' \(Conv2D\) has a built-in 'relu' activation/,
  );
  const capped = tf.sequential({ layers: [tf.layers.reLU({ name: 'r', inputShape: [5, 5, 1], maxValue: 6 })] });
  assert.throws(() => guidedBackprop({ discriminator: capped, images, layer: 'r', channels: [0] }), /ReLU capped at 6/);
  const functional = tf.model({ inputs: model.inputs, outputs: model.outputs });
  assert.throws(
    () => guidedBackprop({ discriminator: functional, images, layer: 'lrelu2', channels: [0] }),
    /must be a tf.Sequential.*got a (Functional|Model)/,
  );
  images.dispose();
  model.dispose();
});
