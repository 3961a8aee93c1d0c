import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

const { quality } = deconv.experiments;
const WEIGHTS = join(__dirname, '..', '..', '..', '..', '..', 'notebooks', 'weights', 'mnist');
const N = 400;

async function samples(generator: tf.LayersModel): Promise<tf.Tensor4D> {
  const z = tf.randomNormal([N, 100], 0, 1, 'float32', 11) as tf.Tensor2D;
  const images = deconv.experiments.generate(generator, z);
  z.dispose();
  return images;
}

test(`quality on MNIST, ${N} images each: real test < pretrained G < untrained G and uniform noise in FID and KID; recall 0 for both`, async () => {
  const real = deconv.data.mnist({ split: 'test', count: N, shuffleSeed: 1 });
  const pretrained = await tf.loadLayersModel(tf.io.fileSystem(join(WEIGHTS, 'generator', 'model.json')));
  const untrained = deconv.dcgan.generator({ imageSize: 28, channels: 1, width: 64, kernelSize: 5, zDim: 100, seed: 3 });
  const sets = [
    real.images,
    await samples(pretrained),
    await samples(untrained),
    tf.randomUniform([N, 28, 28, 1], -1, 1, 'float32', 5) as tf.Tensor4D,
  ];
  const scores = [];
  for (const images of sets) scores.push(await quality(images, { dataset: 'mnist' }));
  const names = ['real test', 'pretrained G', 'untrained G', 'noise'];
  const table = scores
    .map((s, i) => `${names[i]}: FID ${s.fid.toFixed(2)} KID ${s.kid.toFixed(3)} P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)}`)
    .join('; ');
  // An untrained G draws a flat grey image (outputs within ±0.1), which this feature space puts about as far from
  // digits as pixel noise (measured: FID 467 vs 380), so the two are only required to be far beyond the trained G.
  // The full-scale pretrained G is close to real digits (measured: FID 12.2 vs 8.1, KID 0.43 vs 0.22), hence the
  // smaller margin between those two.
  for (const [better, worse] of [
    [0, 1],
    [1, 2],
    [1, 3],
  ]) {
    assert.ok(
      scores[better].fid < scores[worse].fid / (better === 0 ? 1.25 : 5),
      `FID: ${names[better]} should beat ${names[worse]} clearly: ${table}`,
    );
    assert.ok(
      scores[better].kid < scores[worse].kid / (better === 0 ? 1.25 : 5),
      `KID: ${names[better]} should beat ${names[worse]} clearly: ${table}`,
    );
  }
  assert.deepEqual([scores[2].recall, scores[3].recall], [0, 0], `no real digit is near a collapsed or noise sample: ${table}`);
  assert.ok(scores[0].precision > 0.8 && scores[0].recall > 0.8, `real test images lie on the real manifold: ${table}`);
  assert.deepEqual([scores[0].count, scores[0].referenceCount], [N, 2000]);
  tf.dispose(sets);
  real.dispose();
});

test(`quality on Fashion-MNIST, ${N} images each: real test images are close to the training reference, noise and MNIST digits far`, async () => {
  const real = deconv.data.fashionMnist({ split: 'test', count: N, shuffleSeed: 1 });
  const digits = deconv.data.mnist({ split: 'test', count: N, shuffleSeed: 1 });
  const noise = tf.randomUniform([N, 28, 28, 1], -1, 1, 'float32', 5) as tf.Tensor4D;
  const [r, d, n] = [
    await quality(real.images, { dataset: 'fashion-mnist' }),
    await quality(digits.images, { dataset: 'fashion-mnist' }),
    await quality(noise, { dataset: 'fashion-mnist' }),
  ];
  const table = `real ${JSON.stringify(r)}; digits ${JSON.stringify(d)}; noise ${JSON.stringify(n)}`;
  assert.ok(r.fid < d.fid / 2 && r.fid < n.fid / 2 && r.kid < d.kid / 2 && r.kid < n.kid / 2, table);
  assert.ok(r.precision > 0.8 && r.recall > 0.8, table);
  tf.dispose([noise]);
  real.dispose();
  digits.dispose();
});

test('quality: an unknown dataset, wrong image shape or missing classifier is named', async () => {
  const images = tf.zeros([4, 28, 28, 1]) as tf.Tensor4D;
  await assert.rejects(quality(images, { dataset: 'cifar' as 'mnist' }), /options.dataset must be 'mnist' or 'fashion-mnist', got cifar/);
  await assert.rejects(
    quality(tf.zeros([4, 28, 28, 3]) as tf.Tensor4D, { dataset: 'mnist' }),
    /expected grey images \[N, 28, 28, 1\].*got shape \[4, 28, 28, 3\]/,
  );
  await assert.rejects(
    quality(images, { dataset: 'mnist', classifierDirectory: '/nonexistent' }),
    /no quality classifier for mnist at \/nonexistent\/model.json; train it with `npm run train -- classifier --dataset mnist`/,
  );
  images.dispose();
});
