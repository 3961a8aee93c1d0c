import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { blobs } from './blobs';

const { linearProbe, balancedSubset, probeTable } = deconv.experiments;

test('balancedSubset count=13,classes=3: 5/4/4 per class, sorted, seeded', () => {
  const labels = Array.from({ length: 60 }, (_, i) => i % 3);
  const picked = balancedSubset(labels, 13, 3, 7);
  assert.equal(picked.length, 13);
  assert.deepEqual(
    [0, 1, 2].map((c) => picked.filter((i) => labels[i] === c).length),
    [5, 4, 4],
  );
  assert.deepEqual(
    picked,
    [...picked].sort((a, b) => a - b),
  );
  assert.equal(new Set(picked).size, 13);
  assert.deepEqual(balancedSubset(labels, 13, 3, 7), picked);
  assert.notDeepEqual(balancedSubset(labels, 13, 3, 8), picked);
});

test('balancedSubset errors: too few of a class, count below the class count, bad seed', () => {
  const labels = [0, 0, 0, 1];
  assert.throws(() => balancedSubset(labels, 4, 2, 0), /class 1 has 1 examples but 2 are needed for 4 labels/);
  assert.throws(() => balancedSubset(labels, 1, 2, 0), /count must be an integer >= classes \(2\).*got 1/);
  assert.throws(() => balancedSubset(labels, 2, 2, 0.5), /seed must be an integer, got 0.5/);
});

test('linearProbe labelCount=30 on separable blobs: test accuracy 1, reproducible for a seed; no leaks', () => {
  const train = blobs(30, 3, 5, 11);
  const test_ = blobs(10, 3, 5, 12);
  const before = tf.memory().numTensors;
  const options = { trainX: train.x, trainLabels: train.labels, testX: test_.x, testLabels: test_.labels, labelCount: 30, seed: 3 };
  const first = linearProbe(options);
  assert.deepEqual(first, { labelCount: 30, dims: 5, trainAccuracy: 1, testAccuracy: 1 });
  assert.deepEqual(linearProbe(options), first);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([train.x, test_.x]);
});

test('linearProbe errors: test labels out of range, label count too large', () => {
  const train = blobs(4, 2, 2, 1);
  assert.throws(
    () => linearProbe({ trainX: train.x, trainLabels: train.labels, testX: train.x, testLabels: train.labels.map(() => 2) }),
    /linearProbe \(test\): label 0 is 2; labels must be integer class ids in \[0, 2\)/,
  );
  assert.throws(
    () => linearProbe({ trainX: train.x, trainLabels: train.labels, testX: train.x, testLabels: train.labels, labelCount: 20 }),
    /class 0 has 4 examples but 10 are needed/,
  );
  train.x.dispose();
});

/** 8×8 grey images: class 0 bright on the left half, class 1 on the right, with noise. */
function halves(count: number, seed: number): { images: tf.Tensor4D; labels: number[] } {
  const labels = Array.from({ length: count }, (_, i) => i % 2);
  const images = tf.tidy(() => {
    const noise = tf.randomUniform([count, 8, 8, 1], -0.3, 0.3, 'float32', seed);
    const left = tf.tensor4d(
      Array.from({ length: 64 }, (_, p) => (p % 8 < 4 ? 0.6 : -0.6)),
      [1, 8, 8, 1],
    );
    const sign = tf.tensor4d(
      labels.map((l) => (l === 0 ? 1 : -1)),
      [count, 1, 1, 1],
    );
    return tf.add(tf.mul(left, sign), noise) as tf.Tensor4D;
  });
  return { images, labels };
}

test('probeTable labelCounts=[10,20]: rows discriminator/pixels × counts with dims 16·C and H·W·C, pixels separate the halves; reproducible; no leaks', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 8, channels: 1, width: 4, seed: 3 });
  const train = halves(40, 1);
  const test_ = halves(20, 2);
  d.predict(test_.images.slice(0, 1)).toString(); // builds the weights before counting tensors
  const before = tf.memory().numTensors;
  const options = { discriminator: d, train, test: test_, labelCounts: [10, 20], seed: 1, steps: 100 };
  const rows = probeTable(options);
  assert.deepEqual(
    rows.map((r) => [r.features, r.labels, r.dims]),
    [
      ['discriminator', 10, 16 * 4],
      ['pixels', 10, 64],
      ['discriminator', 20, 16 * 4],
      ['pixels', 20, 64],
    ],
  );
  rows.forEach((r) => {
    assert.ok(r.testAccuracy >= 0 && r.testAccuracy <= 1);
    assert.equal(r.testError, 1 - r.testAccuracy);
  });
  assert.equal(rows[1].testAccuracy, 1);
  assert.equal(rows[3].testAccuracy, 1);
  assert.deepEqual(probeTable(options), rows);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([train.images, test_.images]);
  d.dispose();
});
