import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';

// Reference: tfjs's own autodiff (tf.variableGrads / tf.grad over model.apply(x, {training: true})), an independent
// implementation of the same derivatives built from tfjs-core's per-op gradients instead of our fused TF kernels.
function compareWithAutodiff(model: tf.LayersModel, inputShape: number[]): void {
  const x = tf.randomNormal(inputShape, 0, 1, 'float32', 11);
  const outShape = [inputShape[0], ...(model.outputs[0].shape.slice(1) as number[])];
  const upstream = tf.randomNormal(outShape, 0, 1, 'float32', 12);
  const chain = new deconv.dcgan.LayerChain(model);
  tf.tidy(() => {
    const ours = chain.forward(x);
    const grads = ours.backward(upstream, { input: true, params: true });
    const reference = model.apply(x, { training: true }) as tf.Tensor;
    expectArraysClose(ours.y.dataSync(), reference.dataSync(), 1e-5);
    const loss = (): tf.Scalar => tf.sum(tf.mul(model.apply(x, { training: true }) as tf.Tensor, upstream));
    const expected = tf.variableGrads(loss, chain.params).grads;
    chain.params.forEach((p, i) => {
      const scale = Math.max(1, tf.max(tf.abs(expected[p.name])).dataSync()[0]);
      expectArraysClose(grads.grads[i].dataSync(), expected[p.name].dataSync(), 1e-5 * scale * 10);
    });
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(model.apply(input, { training: true }) as tf.Tensor, upstream)))(x);
    expectArraysClose(grads.dx!.dataSync(), dx.dataSync(), 1e-5);
  });
  tf.dispose([x, upstream]);
}

test('generator imageSize=16,k=5 (dense, BN, ReLU, transposed conv s2, tanh): forward and gradients match tfjs autodiff', () => {
  const g = deconv.dcgan.generator({ imageSize: 16, channels: 2, zDim: 5, width: 4, seed: 3 });
  compareWithAutodiff(g, [3, 5]);
  g.dispose();
});

test('generator imageSize=14,k=4 (stride-1 transposed conv, even kernel): gradients match tfjs autodiff', () => {
  const g = deconv.dcgan.generator({ imageSize: 14, channels: 1, zDim: 5, width: 4, kernelSize: 4, seed: 4 });
  compareWithAutodiff(g, [3, 5]);
  g.dispose();
});

test('discriminator imageSize=16,k=5 (conv s2 with bias, BN, LeakyReLU, dense logit): gradients match tfjs autodiff', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 16, channels: 3, width: 4, seed: 5 });
  compareWithAutodiff(d, [4, 16, 16, 3]);
  d.dispose();
});

test('batch norm running statistics move by 1 - momentum towards the batch (variance Bessel-corrected)', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 16, channels: 1, width: 2, seed: 6 });
  const chain = new deconv.dcgan.LayerChain(d);
  const bn = d.getLayer('bn2');
  const before = bn.getWeights().map((w) => w.dataSync().slice());
  const x = tf.randomNormal([5, 16, 16, 1], 0, 1, 'float32', 7);
  tf.tidy(() => {
    // The input of bn2: conv1 → lrelu1 → conv2, recomputed with tfjs layers.
    let h: tf.Tensor = x;
    for (const name of ['conv1', 'lrelu1', 'conv2']) h = d.getLayer(name).apply(h) as tf.Tensor;
    const { mean, variance } = tf.moments(h, [0, 1, 2]);
    const n = h.size / h.shape[3]!;
    chain.forward(x);
    const [, , movingMean, movingVariance] = bn.getWeights();
    const expectedVariance = tf.add(tf.mul(tf.tensor(before[3]), 0.9), tf.mul(tf.mul(variance, n / (n - 1)), 0.1));
    expectArraysClose(movingMean.dataSync(), tf.add(tf.mul(tf.tensor(before[2]), 0.9), tf.mul(mean, 0.1)).dataSync(), 1e-5);
    expectArraysClose(movingVariance.dataSync(), expectedVariance.dataSync(), 1e-5);
  });
  x.dispose();
  d.dispose();
});

// Reference: central finite differences of L = Σ y·u (summed in float64 on the host) over the fused kernel's own
// forward pass (FusedBatchNormV3); a check of FusedBatchNormGradV3 that shares no code with it.
test('fused batch norm (training mode, 2x3x3x2): dx, dGamma, dBeta match central finite differences to 2e-3', () => {
  const shape = [2, 3, 3, 2];
  const model = tf.sequential({
    layers: [tf.layers.batchNormalization({ inputShape: shape.slice(1), epsilon: 1e-5, gammaInitializer: 'randomNormal' })],
  });
  const chain = new deconv.dcgan.LayerChain(model);
  const x = tf.randomNormal(shape, 0, 1, 'float32', 31);
  const u = tf.randomNormal(shape, 0, 1, 'float32', 32);
  const uData = u.dataSync();
  const loss = (input: tf.Tensor): number => {
    const y = tf.tidy(() => chain.forward(input).y).dataSync();
    return Array.from(y).reduce((sum, value, i) => sum + value * uData[i], 0);
  };
  const numeric = (values: Float32Array, evaluate: (perturbed: Float32Array) => number, h = 1e-2): number[] =>
    Array.from(values, (_, i) => {
      const plus = Float32Array.from(values);
      const minus = Float32Array.from(values);
      plus[i] += h;
      minus[i] -= h;
      return (evaluate(plus) - evaluate(minus)) / (2 * h);
    });
  const analytic = tf.tidy(() => {
    const out = chain.forward(x).backward(u, { input: true, params: true });
    return [out.dx!, ...out.grads];
  });
  const [dx, dGamma, dBeta] = analytic.map((t) => t.dataSync());
  const xData = x.dataSync() as Float32Array;
  expectArraysClose(
    dx,
    numeric(xData, (p) => tf.tidy(() => loss(tf.tensor(p, shape)))),
    2e-3,
  );
  const [gamma, beta] = chain.params;
  const paramNumeric = (param: tf.Variable) =>
    numeric(param.dataSync() as Float32Array, (p) => {
      const saved = param.clone();
      param.assign(tf.tensor(p, param.shape));
      const value = loss(x);
      param.assign(saved);
      saved.dispose();
      return value;
    });
  expectArraysClose(dGamma, paramNumeric(gamma), 2e-3);
  expectArraysClose(dBeta, paramNumeric(beta), 2e-3);
  tf.dispose([x, u, ...analytic]);
  model.dispose();
});

test('unsupported layers and non-sequential models are refused by name', () => {
  const m = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [3], units: 2, name: 'fc' }), tf.layers.dropout({ rate: 0.3, name: 'drop' })],
  });
  assert.throws(() => new deconv.dcgan.LayerChain(m), /layer 'drop' is a Dropout; DCGAN training supports Dense, Reshape/);
  const input = tf.input({ shape: [3] });
  const functional = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(input) as tf.SymbolicTensor });
  assert.throws(() => new deconv.dcgan.LayerChain(functional), /needs a tf.Sequential model/);
  const relu = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'relu', name: 'fc2' })] });
  assert.throws(
    () => new deconv.dcgan.LayerChain(relu),
    /layer 'fc2' \(Dense\) has activation="relu"; DCGAN training supports only "linear"/,
  );
  [m, functional, relu].forEach((model) => model.dispose());
});
