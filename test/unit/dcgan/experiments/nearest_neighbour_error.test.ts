import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { loadGolden } from '../../ops/golden';

const { nearestNeighbourError, conditionalSamples } = deconv.experiments;

// Written by test/golden/make_nearest_neighbour_golden.py: sklearn KNeighborsClassifier(n_neighbors=1), brute force.
interface NeighbourCase {
  name: string;
  side: number;
  train_x: number[][];
  train_y: number[];
  test_x: number[][];
  test_y: number[];
  predictions: number[];
  error: number;
  min_gap: number;
}

const images = (rows: number[][], side: number): tf.Tensor4D => tf.tensor4d(rows.flat(), [rows.length, side, side, 1]);

for (const c of loadGolden<NeighbourCase>('nearest_neighbour_sklearn.json')) {
  // Chunks smaller than both sets, and of sizes that do not divide them, exercise the running minimum across blocks.
  for (const chunks of [{}, { trainChunk: 7, testChunk: 4 }]) {
    test(`nearestNeighbourError ${c.name}, chunks ${JSON.stringify(chunks)}: sklearn's 1-NN predictions and error`, () => {
      assert.ok(c.min_gap > 1e-3, 'the golden set has no near-ties float32 could flip');
      const train = { images: images(c.train_x, c.side), labels: c.train_y };
      const testSet = { images: images(c.test_x, c.side), labels: c.test_y };
      const before = tf.memory().numTensors;
      const result = nearestNeighbourError(train, testSet, chunks);
      assert.equal(tf.memory().numTensors, before);
      assert.deepEqual(Array.from(result.predictions), c.predictions);
      assert.equal(result.error, c.error);
      assert.equal(result.count, c.test_y.length);
      assert.equal(result.wrong, Math.round(c.error * c.test_y.length));
      tf.dispose([train.images, testSet.images]);
    });
  }
}

test('nearestNeighbourError: a training set streamed in parts (disposed as it goes) gives the same predictions as the whole set', () => {
  const c = loadGolden<NeighbourCase>('nearest_neighbour_sklearn.json')[1];
  const testSet = { images: images(c.test_x, c.side), labels: c.test_y };
  const cuts = [0, 50, 51, 120];
  const disposed: boolean[] = [];
  function* parts() {
    for (let k = 0; k + 1 < cuts.length; k++) {
      const part = { images: images(c.train_x.slice(cuts[k], cuts[k + 1]), c.side), labels: c.train_y.slice(cuts[k], cuts[k + 1]) };
      try {
        yield part;
      } finally {
        part.images.dispose();
        disposed.push(true);
      }
    }
  }
  const before = tf.memory().numTensors;
  const result = nearestNeighbourError(parts(), testSet, { trainChunk: 30 });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(disposed.length, 3);
  assert.deepEqual(Array.from(result.predictions), c.predictions);
  assert.equal(result.error, c.error);
  assert.throws(() => nearestNeighbourError([], testSet), /the training set iterable yielded no sets/);
  const odd = { images: tf.zeros([2, 3, 3, 1]) as tf.Tensor4D, labels: [0, 1] };
  assert.throws(() => nearestNeighbourError([odd], testSet), /train part 0 images are 3×3×1 but test images are 5×5×1/);
  tf.dispose([testSet.images, odd.images]);
});

test('nearestNeighbourError: a test image equal to a training image takes its label (distance 0), even among shifted copies', () => {
  const train = { images: tf.tensor4d([0, 0, 0, 0, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5], [3, 2, 2, 1]), labels: [4, 7, 2] };
  const probe = { images: tf.tensor4d([1, 1, 1, 1, 0.4, 0.6, 0.5, 0.5, 0.1, 0, 0, 0], [3, 2, 2, 1]), labels: [7, 2, 3] };
  const result = nearestNeighbourError(train, probe, { trainChunk: 1, testChunk: 2 });
  assert.deepEqual(Array.from(result.predictions), [7, 2, 4]);
  assert.equal(result.wrong, 1);
  tf.dispose([train.images, probe.images]);
});

test('nearestNeighbourError: bad shapes, label counts and chunk sizes name the problem', () => {
  const a = tf.zeros([4, 3, 3, 1]) as tf.Tensor4D;
  const b = tf.zeros([2, 4, 4, 1]) as tf.Tensor4D;
  const flat = tf.zeros([4, 9]);
  const before = tf.memory().numTensors;
  assert.throws(
    () => nearestNeighbourError({ images: a, labels: [0, 1, 2] }, { images: a, labels: [0, 1, 2, 3] }),
    /train has 4 images but 3 labels/,
  );
  assert.throws(
    () => nearestNeighbourError({ images: a, labels: [0, 1, 2, 3] }, { images: b, labels: [0, 1] }),
    /train images are 3×3×1 but test images are 4×4×1/,
  );
  assert.throws(
    () => nearestNeighbourError({ images: flat as unknown as tf.Tensor4D, labels: [0, 1, 2, 3] }, { images: a, labels: [0, 1, 2, 3] }),
    /train.images must be a non-empty \[N, H, W, C\] tensor, got \[4, 9\]/,
  );
  assert.throws(
    () => nearestNeighbourError({ images: a, labels: [0, 1, 2.5, 3] }, { images: a, labels: [0, 1, 2, 3] }),
    /train.labels\[2\] is 2.5/,
  );
  assert.throws(
    () => nearestNeighbourError({ images: a, labels: [0, 1, 2, 3] }, { images: a, labels: [0, 1, 2, 3] }, { testChunk: 0 }),
    /testChunk must be a positive integer, got 0/,
  );
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([a, b, flat]);
});

test('conditionalSamples: perClass images of each class in class order, the label changes the image, seeded; bad options named', () => {
  const g = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 5, width: 4, classes: 3, seed: 2 });
  const before = tf.memory().numTensors;
  const a = conditionalSamples(g, { perClass: 4, classes: 3, seed: 9 });
  const b = conditionalSamples(g, { perClass: 4, classes: 3, seed: 9 });
  assert.deepEqual(a.images.shape, [12, 8, 8, 1]);
  assert.deepEqual(Array.from(a.labels), [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  assert.deepEqual(a.images.dataSync(), b.images.dataSync());
  // z of row i is the i-th N(0, 1) draw whatever the label, so only the label differs between these two images...
  const z = tf.randomNormal([12, 5], 0, 1, 'float32', 9) as tf.Tensor2D;
  const input = deconv.dcgan.conditionLatent(z, [1, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], 3);
  const relabelled = g.predict(input) as tf.Tensor4D;
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(relabelled.slice(0, 1), a.images.slice(0, 1)))).dataSync()[0]);
  const same = tf.tidy(() => tf.max(tf.abs(tf.sub(relabelled.slice(1), a.images.slice(1)))).dataSync()[0]);
  assert.ok(diff > 1e-4, `label 1 instead of 0 changed the image by ${diff}`);
  assert.ok(same < 1e-6, `the other rows are the same draws: ${same}`);
  tf.dispose([a.images, b.images, z, input, relabelled]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => conditionalSamples(g, { perClass: 0, classes: 3 }), /perClass must be a positive integer, got 0/);
  const unconditional = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 5, width: 4 });
  assert.throws(
    () => conditionalSamples(unconditional, { perClass: 2, classes: 10 }),
    /takes \[N, 5\], not z followed by 10 one-hot values; build it with classes: 10/,
  );
  [g, unconditional].forEach((m) => m.dispose());
});
