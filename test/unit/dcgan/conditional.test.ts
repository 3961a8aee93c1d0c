import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { twoTapeStep } from './two_tape_step';

// The class-conditional DCGAN of the paper's §8.1 (MNIST) with batch norm without scale and offset.
const ARCH = { imageSize: 28, channels: 1, width: 4, zDim: 8, kernelSize: 5, classes: 10, batchNormAffine: false } as const;

const weightNames = (m: tf.LayersModel): string[] => m.weights.map((w) => w.originalName);

test('conditional builders: G takes zDim + classes, D takes channels + classes; no gamma/beta without affine batch norm', () => {
  const g = deconv.dcgan.generator({ ...ARCH, seed: 1 });
  const d = deconv.dcgan.discriminator({ ...ARCH, seed: 1 });
  assert.deepEqual(g.inputs[0].shape, [null, 18]);
  assert.deepEqual(g.outputs[0].shape, [null, 28, 28, 1]);
  assert.deepEqual(d.inputs[0].shape, [null, 28, 28, 11]);
  assert.deepEqual(d.outputs[0].shape, [null, 1]);
  for (const m of [g, d]) {
    const norms = weightNames(m).filter((n) => n.startsWith('bn'));
    assert.ok(norms.length > 0 && norms.every((n) => /moving_(mean|variance)$/.test(n)), `${m.name}: ${norms}`);
  }
  // The affine default keeps gamma and beta (the unconditional networks are unchanged).
  const affine = deconv.dcgan.generator({ ...ARCH, batchNormAffine: true, seed: 1 });
  assert.deepEqual(
    weightNames(affine).filter((n) => n.startsWith('bn0')),
    ['bn0/gamma', 'bn0/beta', 'bn0/moving_mean', 'bn0/moving_variance'],
  );
  // Parameter count of D by formula: conv1 sees 11 channels: 25·11·4 + 4 bias; conv2 25·4·8 (no bias, BN follows);
  // BN keeps only its 2 running statistics per channel; the logit 7·7·8 + 1.
  assert.equal(d.countParams(), 25 * 11 * 4 + 4 + 25 * 4 * 8 + 2 * 8 + 7 * 7 * 8 + 1);
  [g, d, affine].forEach((m) => m.dispose());
  assert.throws(() => deconv.dcgan.generator({ ...ARCH, classes: 1 }), /classes must be 0 \(unconditional\) or an integer >= 2, got 1/);
});

test('conditionLatent and conditionImages append the one-hot label (values checked by hand), with named errors', () => {
  const z = tf.tensor2d([
    [0.5, -1],
    [2, 3],
  ]);
  const latent = deconv.dcgan.conditionLatent(z, [2, 0], 3);
  assert.deepEqual(latent.arraySync(), [
    [0.5, -1, 0, 0, 1],
    [2, 3, 1, 0, 0],
  ]);
  const images = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
  const planes = deconv.dcgan.conditionImages(images, tf.tensor1d([1], 'int32'), 2);
  assert.deepEqual(planes.arraySync(), [
    [
      [
        [1, 0, 1],
        [2, 0, 1],
      ],
      [
        [3, 0, 1],
        [4, 0, 1],
      ],
    ],
  ]);
  assert.throws(() => deconv.dcgan.conditionLatent(z, [0, 3], 3), /label 1 is 3; labels must be integers from 0 to 2/);
  assert.throws(() => deconv.dcgan.conditionLatent(z, [0], 3), /got 1 labels for 2 rows/);
  assert.throws(
    () => deconv.dcgan.conditionImages(images, tf.tensor1d([1], 'float32'), 2),
    /labels must be an int32 tensor of shape \[1\]/,
  );
  tf.dispose([z, latent, images, planes]);
});

test('the label changes the generator output and D(x, label) for the same z and image', () => {
  const g = deconv.dcgan.generator({ ...ARCH, seed: 3 });
  const d = deconv.dcgan.discriminator({ ...ARCH, seed: 3 });
  const z = tf.randomNormal([2, 8], 0, 1, 'float32', 5) as tf.Tensor2D;
  const same = tf.concat([z.slice(0, 1), z.slice(0, 1)]) as tf.Tensor2D;
  const input = deconv.dcgan.conditionLatent(same, [3, 7], 10);
  const images = g.predict(input) as tf.Tensor4D;
  const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(images.slice(0, 1), images.slice(1, 1)))).dataSync()[0]);
  assert.ok(gap > 1e-4, `G(z, 3) and G(z, 7) differ by ${gap}`);
  const twice = tf.concat([images.slice(0, 1), images.slice(0, 1)]) as tf.Tensor4D;
  const withPlanes = deconv.dcgan.conditionImages(twice, [3, 7], 10);
  const logits = (d.predict(withPlanes) as tf.Tensor).dataSync();
  assert.ok(Math.abs(logits[0] - logits[1]) > 1e-6, `D(x, 3) = ${logits[0]}, D(x, 7) = ${logits[1]}`);
  tf.dispose([z, same, input, images, twice, withPlanes]);
  [g, d].forEach((m) => m.dispose());
});

/*
 * Reference for one conditional step: twoTapeStep (plain tfjs, tf.variableGrads and tf.train.adam) over
 * G([z, onehot]) and D([image, planes]), from the weights before the step.
 * tfjs-layers cannot run a batch norm without scale and offset in training mode (it reads the missing gamma), so the
 * reference networks have affine batch norm frozen at gamma = 1, beta = 0 (the same function) and differentiate only
 * the other weights, copied by name from the networks under test.
 */
test('trainStep with condition, BN without affine, imageSize=16,batch=6 equals a plain tfjs two-tape step', () => {
  const options = { imageSize: 16, channels: 1, width: 4, zDim: 8, classes: 4 };
  const g = deconv.dcgan.generator({ ...options, batchNormAffine: false, seed: 1 });
  const d = deconv.dcgan.discriminator({ ...options, batchNormAffine: false, seed: 1 });
  const frozenAffine = (m: tf.LayersModel, model: tf.LayersModel): void => {
    const byName = new Map(m.weights.map((w) => [w.originalName, w]));
    for (const w of model.weights) {
      const name = w.originalName;
      const source = byName.get(name);
      w.write(source ? source.read().clone() : name.endsWith('/gamma') ? tf.onesLike(w.read()) : tf.zerosLike(w.read()));
    }
  };
  const gRef = deconv.dcgan.generator({ ...options, batchNormAffine: true });
  const dRef = deconv.dcgan.discriminator({ ...options, batchNormAffine: true });
  frozenAffine(g, gRef);
  frozenAffine(d, dRef);
  const real = tf.randomUniform([6, 16, 16, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
  const z = tf.randomNormal([6, 8], 0, 1, 'float32', 4) as tf.Tensor2D;
  const labels = tf.tensor1d([0, 3, 1, 1, 2, 0], 'int32');
  const adam = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };
  const gc = new deconv.dcgan.LayerChain(g);
  const dc = new deconv.dcgan.LayerChain(d);
  assert.equal(gc.params.length, 4, 'G: projection and three kernels, the last with a bias; no batch-norm parameters');
  const gOpt = new deconv.dcgan.Adam(gc.params, adam);
  const dOpt = new deconv.dcgan.Adam(dc.params, adam);
  const stats = deconv.dcgan.trainStep(gc, dc, gOpt, dOpt, real, z, { labels, classes: 4 });

  const learned = (m: tf.LayersModel): tf.Variable[] =>
    m.trainableWeights.filter((w) => !/\/(gamma|beta)$/.test(w.originalName)).map((w) => w.read() as tf.Variable);
  const oneHot = tf.oneHot(labels, 4, 1, 0, 'float32');
  const planes = tf.tile(oneHot.reshape([6, 1, 1, 4]), [1, 16, 16, 1]);
  const reference = twoTapeStep({
    fake: () => gRef.apply(tf.concat([z, oneHot], 1), { training: true }) as tf.Tensor,
    dOut: (x) => dRef.apply(tf.concat([x, planes], 3), { training: true }) as tf.Tensor,
    real,
    gVars: learned(gRef),
    dVars: learned(dRef),
  });

  const [dLoss, gLoss] = stats.dataSync();
  expectArraysClose([dLoss, gLoss], reference, 1e-5);
  // Every trained weight as the reference left it (not the running statistics: the reference runs the networks in
  // training mode more often than the step does).
  for (const [m, ref] of [
    [g, gRef],
    [d, dRef],
  ]) {
    const refByName = new Map(ref.weights.map((w) => [w.originalName, w]));
    for (const w of m.trainableWeights) expectArraysClose(w.read().dataSync(), refByName.get(w.originalName)!.read().dataSync(), 1e-6);
  }
  tf.dispose([stats, real, z, labels, oneHot, planes]);
  [g, d, gRef, dRef].forEach((m) => m.dispose());
  [gOpt, dOpt].forEach((o) => o.dispose());
});

test('conditional train on 192 MNIST digits: no tensor leaks, per-epoch quality of class-balanced samples, resumable', async () => {
  const data = deconv.data.mnist({ count: 192, shuffleSeed: 1 });
  const generator = deconv.dcgan.generator({ ...ARCH, seed: 1 });
  const discriminator = deconv.dcgan.discriminator({ ...ARCH, seed: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'dcgan-conditional-'));
  // The quality classifier and its reference features are cached per process: load them before counting tensors.
  const warm = tf.zeros([4, 28, 28, 1]) as tf.Tensor4D;
  await deconv.experiments.quality(warm, { dataset: 'mnist' });
  warm.dispose();
  const before = tf.memory().numTensors;
  const counts: number[] = [];
  const h = await deconv.dcgan.train({
    generator,
    discriminator,
    data,
    classes: 10,
    epochs: 2,
    batchSize: 64,
    checkpointDir: dir,
    quality: { dataset: 'mnist', count: 40 },
    onEpoch: () => {
      counts.push(tf.memory().numTensors);
    },
  });
  assert.equal(h.step, 6);
  assert.equal(new Set(counts).size, 1, `numTensors per epoch ${counts}`);
  assert.equal(tf.memory().numTensors, before);
  // The last epoch's quality is that of z from the run's seed with the classes in turn (0, 1, …, 9, 0, …).
  const z = tf.randomNormal([40, ARCH.zDim], 0, 1, 'float32', deconv.data.mix32(0, 0x71)) as tf.Tensor2D;
  const input = deconv.dcgan.conditionLatent(
    z,
    Array.from({ length: 40 }, (_, i) => i % 10),
    10,
  );
  const images = deconv.experiments.generate(generator, input);
  assert.deepEqual(await deconv.experiments.quality(images, { dataset: 'mnist' }), h.epochs[1].quality);
  tf.dispose([z, input, images]);
  // A conditional checkpoint does not resume an unconditional run.
  const plain = {
    generator: deconv.dcgan.generator({ ...ARCH, classes: 0 }),
    discriminator: deconv.dcgan.discriminator({ ...ARCH, classes: 0 }),
  };
  await assert.rejects(
    deconv.dcgan.train({ ...plain, data, epochs: 3, batchSize: 64, checkpointDir: dir, resume: true }),
    /the checkpoint's generator takes z size \(zDim\) 18 but this generator takes 8/,
  );
  await assert.rejects(
    deconv.dcgan.train({ generator, discriminator: plain.discriminator, data, classes: 10, epochs: 1 }),
    /the discriminator takes \[28, 28, 1\], the data holds \[28, 28, 1\] so D should take \[28, 28, 11\] \(the data's channels \+ 10 label planes\)/,
  );
  const unlabelled = data.images.slice(0, 64) as tf.Tensor4D;
  await assert.rejects(
    deconv.dcgan.train({ generator, discriminator, data: unlabelled, classes: 10, epochs: 1, batchSize: 32 }),
    /classes: 10 needs labelled data/,
  );
  await assert.rejects(
    deconv.dcgan.train({ generator, discriminator, data, classes: 5, epochs: 1 }),
    /classes is 5 but label \d+ of the data is [5-9]/,
  );
  tf.dispose(unlabelled);
  [generator, discriminator, plain.generator, plain.discriminator].forEach((m) => m.dispose());
  data.dispose();
});
