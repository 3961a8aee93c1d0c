import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';
import { seededRandom } from '../../util/seeded_random';
import { blobs } from './blobs';

const { fitLinearClassifier } = deconv.experiments;

test('fitLinearClassifier classes=3,dims=4: separable blobs classified perfectly, also on new points; no leaks', () => {
  const train = blobs(20, 3, 4, 1);
  const test_ = blobs(10, 3, 4, 2);
  const before = tf.memory().numTensors;
  const model = fitLinearClassifier(train.x, train.labels);
  assert.equal(model.classes, 3);
  assert.equal(model.dims, 4);
  assert.equal(model.accuracy(train.x, train.labels), 1);
  assert.equal(model.accuracy(test_.x, test_.labels), 1);
  assert.deepEqual(model.predict(test_.x), test_.labels);
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([train.x, test_.x]);
});

test('fitLinearClassifier is deterministic: two fits give identical weights', () => {
  const data = blobs(10, 2, 3, 3);
  const a = fitLinearClassifier(data.x, data.labels, { steps: 50 });
  const b = fitLinearClassifier(data.x, data.labels, { steps: 50 });
  assert.deepEqual(Array.from(a.weights.dataSync()), Array.from(b.weights.dataSync()));
  assert.deepEqual(Array.from(a.bias.dataSync()), Array.from(b.bias.dataSync()));
  a.dispose();
  b.dispose();
  data.x.dispose();
});

test('fitLinearClassifier l2=0.1 reaches the optimum: standardisation and the loss gradient checked in plain JS', () => {
  // Noisy labels (not separable) so the optimum is interior; gradient of mean CE + λ/2‖W‖² by hand.
  const random = seededRandom(4);
  const n = 40;
  const dims = 3;
  const rows = Array.from({ length: n }, () => [random.values(1)[0] * 2 + 1, random.values(1)[0] * 5, random.values(1)[0]]);
  const labels = rows.map((r) => (r[0] + r[1] / 5 + random.values(1)[0] > 1 ? 1 : 0));
  const x = tf.tensor2d(rows);
  const l2 = 0.1;
  const model = fitLinearClassifier(x, labels, { l2, steps: 1500, learningRate: 0.05 });
  const mean = Array.from({ length: dims }, (_, d) => rows.reduce((s, r) => s + r[d], 0) / n);
  const std = mean.map((m, d) => Math.sqrt(rows.reduce((s, r) => s + (r[d] - m) ** 2, 0) / n));
  expectArraysClose(model.mean.dataSync(), mean, 1e-5);
  expectArraysClose(model.std.dataSync(), std, 1e-5);
  const w = model.weights.arraySync();
  const b = Array.from(model.bias.dataSync());
  const gradW = w.map((row) => row.map((v) => l2 * v));
  const gradB = [0, 0];
  rows.forEach((r, i) => {
    const s = r.map((v, d) => (v - mean[d]) / std[d]);
    const logits = [0, 1].map((k) => b[k] + s.reduce((acc, v, d) => acc + v * w[d][k], 0));
    const top = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - top));
    const p = e.map((v) => v / (e[0] + e[1]));
    [0, 1].forEach((k) => {
      const err = (p[k] - (labels[i] === k ? 1 : 0)) / n;
      gradB[k] += err;
      s.forEach((v, d) => {
        gradW[d][k] += err * v;
      });
    });
  });
  const largest = Math.max(...gradW.flat().map(Math.abs), ...gradB.map(Math.abs));
  assert.ok(largest < 2e-3, `gradient at the fitted weights should vanish, largest component ${largest}`);
  assert.ok(Math.abs(w[0][1] - w[0][0]) > 0.5, 'the informative input gets a clear weight');
  model.dispose();
  x.dispose();
});

test('fitLinearClassifier flattens image batches; a constant input gets std 1', () => {
  const images = tf.tensor4d([0, 1, 5, 5, 1, 0, 5, 5], [2, 2, 2, 1]);
  const model = fitLinearClassifier(images, [0, 1], { steps: 100 });
  assert.equal(model.dims, 4);
  expectArraysClose(model.std.dataSync(), [0.5, 0.5, 1, 1], 1e-6);
  assert.deepEqual(model.predict(images), [0, 1]);
  model.dispose();
  images.dispose();
});

test('fitLinearClassifier / LinearClassifier errors name the rule and the values', () => {
  const x = tf.zeros([4, 3]);
  assert.throws(() => fitLinearClassifier(x, [0, 1, 0]), /3 labels for 4 examples/);
  assert.throws(() => fitLinearClassifier(x, [0, 1, 2, 0.5]), /label 3 is 0.5; labels must be integer class ids in \[0, 3\)/);
  assert.throws(() => fitLinearClassifier(x, [0, 0, 0, 0]), /classes must be an integer >= 2, got 1/);
  assert.throws(() => fitLinearClassifier(x, [0, 1, 0, 1], { l2: -1 }), /l2 must be a finite number >= 0, got -1/);
  assert.throws(() => fitLinearClassifier(x, [0, 1, 0, 1], { steps: 0 }), /steps must be an integer >= 1, got 0/);
  assert.throws(() => fitLinearClassifier(tf.zeros([4]), [0, 1, 0, 1]), /expected a batch \[N, …\] with N >= 1, got shape \[4\]/);
  const model = fitLinearClassifier(x, [0, 1, 0, 1], { steps: 1 });
  assert.throws(() => model.predict(tf.zeros([2, 5])), /examples have 5 values but the classifier was fitted on 3/);
  model.dispose();
  x.dispose();
});
