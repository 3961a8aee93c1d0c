import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { blobs } from './blobs';

const ex = deconv.experiments;
const ARCH = { imageSize: 28, channels: 1, width: 8, kernelSize: 5, seed: 2 } as const;

/** Blobs shaped as [N, 2, 2, 1] "images", so image code paths run on a separable 4-dimensional problem. */
function blobImages(perClass: number, seed: number): { images: tf.Tensor4D; labels: number[] } {
  const { x, labels } = blobs(perClass, 4, 4, seed);
  // Wide noise (±4 around centres 6 apart) makes the classes overlap, so C and the draw matter.
  const noisy = tf.tidy(() => tf.add(x, tf.randomUniform(x.shape, -3, 3, 'float32', seed)).reshape([-1, 2, 2, 1]) as tf.Tensor4D);
  x.dispose();
  return { images: noisy, labels };
}

test('featureProtocol 2 label counts x 3 draws: C is the grid value with the least mean validation error, errors are its test errors, mean ± 1.96σ', async () => {
  const [pool, validation, test_] = [blobImages(30, 1), blobImages(20, 2), blobImages(25, 3)];
  const flat = { name: 'flat', extract: (x: tf.Tensor4D) => x.reshape([x.shape[0], -1]) as tf.Tensor2D };
  const cs = [1e-4, 1e-2, 1];
  const rows = await ex.featureProtocol({ pool, validation, test: test_, extractors: [flat], labelCounts: [8, 40], draws: 3, cs, seed: 5 });
  assert.deepEqual(
    rows.map((r) => [r.features, r.labels, r.dims, r.errors.length]),
    [
      ['flat', 8, 4, 3],
      ['flat', 40, 4, 3],
    ],
  );
  for (const row of rows) {
    // Independent recomputation from the documented recipe: balancedSubset(seed + d), fitLinearSvm per C.
    const [vx, tx] = [flat.extract(validation.images), flat.extract(test_.images)];
    const runs = cs.map((C) =>
      [0, 1, 2].map((d) => {
        const idx = ex.balancedSubset(pool.labels, row.labels, 4, 5 + d);
        const x = tf.tidy(() => flat.extract(tf.gather(pool.images, idx) as tf.Tensor4D));
        const svm = ex.fitLinearSvm(
          x,
          idx.map((i) => pool.labels[i]),
          { C, classes: 4, tolerance: 0.01 },
        );
        x.dispose();
        return [1 - svm.accuracy(vx, validation.labels), 1 - svm.accuracy(tx, test_.labels)];
      }),
    );
    tf.dispose([vx, tx]);
    const meanValidation = runs.map((r) => r.reduce((a, e) => a + e[0], 0) / 3);
    const best = meanValidation.indexOf(Math.min(...meanValidation));
    assert.equal(row.C, cs[best]);
    assert.ok(Math.abs(row.validationError - meanValidation[best]) < 1e-12);
    const errors = runs[best].map((e) => e[1]);
    errors.forEach((e, i) => assert.ok(Math.abs(row.errors[i] - e) < 1e-12, `draw ${i}: ${row.errors[i]} vs ${e}`));
    const mean = errors.reduce((a, b) => a + b) / 3;
    assert.ok(Math.abs(row.meanError - mean) < 1e-12);
    assert.ok(Math.abs(row.halfWidth - 1.96 * Math.sqrt(errors.reduce((a, e) => a + (e - mean) ** 2, 0) / 3)) < 1e-12);
  }
  await assert.rejects(
    ex.featureProtocol({ pool, validation, test: test_, extractors: [flat], draws: 1 }),
    /draws must be an integer >= 2 \(error bars need a spread\), got 1/,
  );
  tf.dispose([pool.images, validation.images, test_.images]);
});

test('compareRows: a difference exceeds its error bars only when the ±1.96σ intervals do not overlap; only equal label counts are compared', () => {
  const row = (features: string, labels: number, meanError: number, halfWidth: number): deconv.experiments.ProtocolRow => ({
    features,
    labels,
    dims: 1,
    validationError: 0,
    errors: [],
    meanError,
    halfWidth,
  });
  const comparisons = ex.compareRows([
    row('a', 100, 0.2, 0.02),
    row('b', 100, 0.15, 0.02),
    row('c', 100, 0.17, 0.005),
    row('a', 1000, 0.1, 0),
  ]);
  assert.deepEqual(
    comparisons.map((c) => [c.labels, c.better, c.worse, Math.round(c.difference * 1000), c.exceeds]),
    [
      [100, 'b', 'a', 50, true],
      [100, 'c', 'a', 30, true],
      [100, 'b', 'c', 20, false],
    ],
  );
});

for (const batchNormAffine of [true, false]) {
  test(`withBatchNormStatistics batchNormAffine=${batchNormAffine}: moving statistics become the mean over batches of batch moments of real images; the original is untouched`, async () => {
    const d = deconv.dcgan.discriminator({ ...ARCH, batchNormAffine });
    const set = deconv.data.mnist({ count: 100, shuffleSeed: 2 });
    const original = d.getWeights().map((w) => w.dataSync().slice());
    const copy = await ex.withBatchNormStatistics(d, set.images, 40);
    // Independent recomputation: conv1 → LeakyReLU → conv2 on batches of 40, 40, 20; biased moments per channel.
    const [conv1, lrelu1, conv2] = ['conv1', 'lrelu1', 'conv2'].map((n) => d.getLayer(n));
    const moments = [0, 40, 80].map((start) =>
      tf.tidy(() => {
        const x = set.images.slice(start, Math.min(40, 100 - start));
        const h = conv2.apply(lrelu1.apply(conv1.apply(x))) as tf.Tensor;
        const { mean, variance } = tf.moments(h, [0, 1, 2]);
        return [mean.dataSync(), variance.dataSync()];
      }),
    );
    const bn = copy.getLayer('bn2').getWeights();
    assert.equal(bn.length, batchNormAffine ? 4 : 2, 'gamma, beta (when affine), moving mean and variance');
    const [movingMean, movingVariance] = bn.slice(-2);
    const expectedMean = moments[0][0].map((_, c) => moments.reduce((a, m) => a + m[0][c], 0) / 3);
    const expectedVar = moments[0][1].map((_, c) => moments.reduce((a, m) => a + m[1][c], 0) / 3);
    movingMean.dataSync().forEach((v, c) => assert.ok(Math.abs(v - expectedMean[c]) < 1e-5, `mean ${c}: ${v} vs ${expectedMean[c]}`));
    movingVariance
      .dataSync()
      .forEach((v, c) =>
        assert.ok(Math.abs(v - expectedVar[c]) < 1e-5 * Math.max(1, expectedVar[c]), `variance ${c}: ${v} vs ${expectedVar[c]}`),
      );
    d.getWeights().forEach((w, i) => assert.deepEqual(w.dataSync(), original[i]));
    copy.dispose();
    d.dispose();
    set.dispose();
  });
}

test('fitKmeansFeatures K=8: [N, 4K] features standardised on the fitted images, deterministic per seed; bad options are named', () => {
  const set = deconv.data.mnist({ count: 60, shuffleSeed: 3 });
  const a = ex.fitKmeansFeatures(set.images, { centroids: 8, patches: 2000, iterations: 5, seed: 1 });
  const b = ex.fitKmeansFeatures(set.images, { centroids: 8, patches: 2000, iterations: 5, seed: 1 });
  const [fa, fb] = [a.extract(set.images), b.extract(set.images.slice(0, 10))];
  assert.deepEqual(fa.shape, [60, 32]);
  // All 60 images are the standardisation sample: each feature has mean 0 and variance var / (var + 0.01) < 1.
  const { mean, variance } = tf.moments(fa, 0);
  mean.dataSync().forEach((m) => assert.ok(Math.abs(m) < 1e-4, `feature mean ${m}`));
  variance.dataSync().forEach((v) => assert.ok(v > 0.5 && v < 1, `feature variance ${v}`));
  assert.deepEqual(fa.slice(0, 10).dataSync(), fb.dataSync());
  assert.throws(() => ex.fitKmeansFeatures(set.images, { centroids: 1 }), /centroids must be an integer >= 2, got 1/);
  assert.throws(
    () => ex.fitKmeansFeatures(set.images, { centroids: 8, patches: 2000, standardizationImages: 1 }),
    /standardizationImages must be an integer >= 2, got 1/,
  );
  assert.throws(() => ex.fitKmeansFeatures(set.images, { patchSize: 40 }), /patchSize must be an integer from 1 to 28, got 40/);
  assert.throws(
    () => a.extract(tf.zeros([1, 32, 32, 1]) as tf.Tensor4D),
    /expected images \[N, 28, 28, 1\] like the fitted ones, got \[1, 32, 32, 1\]/,
  );
  tf.dispose([fa, fb, mean, variance]);
  a.dispose();
  b.dispose();
  set.dispose();
});

test('trainSupervisedCnn: the discriminator architecture with a 10-way head learns 300 digits well above chance; D is untouched; no leaks', async () => {
  const d = deconv.dcgan.discriminator(ARCH);
  const before = d.getWeights().map((w) => w.dataSync().slice());
  const set = deconv.data.mnist({ count: 500, shuffleSeed: 4 });
  const labels = Array.from(set.labels!.dataSync());
  const train = { images: set.images.slice(0, 300), labels: labels.slice(0, 300) };
  const validation = { images: set.images.slice(300, 200), labels: labels.slice(300) };
  const tensors = tf.memory().numTensors;
  const { model, validationAccuracy, step } = await ex.trainSupervisedCnn({
    discriminator: d,
    train,
    validation,
    steps: 100,
    evaluateEvery: 25,
  });
  assert.deepEqual(model.outputs[0].shape, [null, 10]);
  assert.ok(validationAccuracy > 0.6, `validation accuracy ${validationAccuracy}`);
  assert.ok([25, 50, 75, 100].includes(step));
  d.getWeights().forEach((w, i) => assert.deepEqual(w.dataSync(), before[i]));
  model.dispose();
  assert.equal(tf.memory().numTensors, tensors, 'trainSupervisedCnn leaked tensors');
  d.dispose();
  tf.dispose([train.images, validation.images]);
  set.dispose();
});
