import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';

const ARCH = { imageSize: 28, channels: 1, width: 4, zDim: 8, kernelSize: 5 } as const;
const data = deconv.data.mnist({ count: 192, shuffleSeed: 1 });
const models = (seed = 1) => ({
  generator: deconv.dcgan.generator({ ...ARCH, seed }),
  discriminator: deconv.dcgan.discriminator({ ...ARCH, seed }),
});
const dispose = (m: { generator: tf.LayersModel; discriminator: tf.LayersModel }): void => {
  m.generator.dispose();
  m.discriminator.dispose();
};
const weightsOf = (m: { generator: tf.LayersModel; discriminator: tf.LayersModel }): Float32Array[] =>
  [...m.generator.getWeights(), ...m.discriminator.getWeights()].map((w) => w.dataSync() as Float32Array);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'dcgan-train-'));

test('train mnist 28x28,batch=32,3 epochs: same seed gives the same losses, another seed others; D loss falls', async () => {
  const run = async (seed: number) => {
    const m = models();
    const h = await deconv.dcgan.train({ ...m, data, epochs: 3, batchSize: 32, seed });
    dispose(m);
    return h;
  };
  const [a, b, c] = [await run(7), await run(7), await run(8)];
  assert.equal(a.steps.length, 3 * 6);
  assert.deepEqual(a.steps, b.steps);
  assert.notDeepEqual(
    a.steps.map((s) => s.dLoss),
    c.steps.map((s) => s.dLoss),
  );
  // From near-equal odds (loss ≈ 2·ln 2 when D outputs 0.5; this random D gives real digits D(x) ≈ 0.43, loss ≈ 1.52)
  // D learns to tell digits from noise.
  assert.ok(Math.abs(a.steps[0].dLoss - 2 * Math.LN2) < 0.2, `first D loss ${a.steps[0].dLoss}`);
  assert.ok(a.epochs[2].dLoss < a.epochs[0].dLoss - 0.05, `D loss per epoch ${a.epochs.map((e) => e.dLoss)}`);
  assert.ok(a.epochs[2].dReal > a.epochs[0].dReal, `D(x) per epoch ${a.epochs.map((e) => e.dReal)}`);
});

test('no tensor leaks: numTensors is the same after every epoch and back to the start after train', async () => {
  const m = models();
  const before = tf.memory().numTensors;
  const counts: number[] = [];
  await deconv.dcgan.train({
    ...m,
    data,
    epochs: 3,
    batchSize: 64,
    onEpoch: () => {
      counts.push(tf.memory().numTensors);
    },
  });
  assert.equal(new Set(counts).size, 1, `numTensors per epoch ${counts}`);
  assert.equal(tf.memory().numTensors, before);
  dispose(m);
});

test('AbortSignal stops after the current step, returns the history so far and writes a checkpoint', async () => {
  const m = models();
  const controller = new AbortController();
  const dir = tmp();
  const h = await deconv.dcgan.train({
    ...m,
    data,
    epochs: 5,
    batchSize: 32,
    checkpointDir: dir,
    onStep: (s) => {
      if (s.step === 8) controller.abort();
    },
    signal: controller.signal,
  });
  assert.equal(h.aborted, true);
  assert.equal(h.step, 8);
  assert.equal(h.steps.length, 8);
  assert.equal(h.epoch, 1);
  assert.match(h.checkpoint!, /ckpt-000000008$/);
  assert.equal(deconv.dcgan.latestCheckpoint(dir), h.checkpoint);
  dispose(m);
});

test('a history passed in is reset, filled step by step while training runs, and returned', async () => {
  const m = models();
  const history = deconv.dcgan.newTrainHistory();
  history.steps.push({ step: 99, epoch: 9, dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 });
  const seen: number[] = [];
  const returned = await deconv.dcgan.train({
    ...m,
    data,
    epochs: 1,
    batchSize: 64,
    history,
    onStep: (s) => {
      seen.push(history.steps.length);
      assert.equal(history.step, s.step);
    },
  });
  assert.equal(returned, history);
  assert.deepEqual(seen, [1, 2, 3]);
  assert.deepEqual([history.step, history.epoch, history.epochs.length, history.aborted], [3, 1, 1, false]);
  await assert.rejects(
    deconv.dcgan.train({ ...m, data, epochs: 1, history: null as never }),
    /history must be an object from deconv\.dcgan\.newTrainHistory\(\), got null/,
  );
  dispose(m);
});

test('the cell signal (a kernel interrupt) stops training like an AbortSignal, even when it surfaces in onStep as an exception', async () => {
  const m = models();
  const cell = new AbortController();
  deconv.setCellSignalProvider(() => cell.signal);
  try {
    const h = await deconv.dcgan.train({
      ...m,
      data,
      epochs: 5,
      batchSize: 32,
      onStep: (s) => {
        if (s.step === 5) {
          cell.abort();
          throw new Error('interrupted in cell code');
        }
      },
    });
    assert.equal(h.aborted, true);
    assert.equal(h.step, 5);
  } finally {
    deconv.setCellSignalProvider(undefined);
    dispose(m);
  }
});

test('an exception from onStep without an abort is not swallowed', async () => {
  const m = models();
  await assert.rejects(
    deconv.dcgan.train({
      ...m,
      data,
      epochs: 1,
      batchSize: 32,
      onStep: () => {
        throw new Error('callback bug');
      },
    }),
    /callback bug/,
  );
  dispose(m);
});

test('resume equivalence: 2 epochs straight = 1 epoch + resume, and = abort mid-epoch + resume', async () => {
  const straight = models();
  const full = await deconv.dcgan.train({ ...straight, data, epochs: 2, batchSize: 32, seed: 3 });

  const dir = tmp();
  const first = models();
  await deconv.dcgan.train({ ...first, data, epochs: 1, batchSize: 32, seed: 3, checkpointDir: dir });
  dispose(first);
  const second = models(99); // different initial weights: everything must come from the checkpoint
  const resumed = await deconv.dcgan.train({ ...second, data, epochs: 2, batchSize: 32, seed: 3, checkpointDir: dir, resume: true });
  assert.match(resumed.resumedFrom!, /ckpt-000000006$/);
  expectArraysClose(
    resumed.steps.map((s) => s.dLoss),
    full.steps.map((s) => s.dLoss),
    1e-5,
  );
  expectArraysClose(
    resumed.steps.map((s) => s.gLoss),
    full.steps.map((s) => s.gLoss),
    1e-5,
  );
  weightsOf(second).forEach((w, i) => expectArraysClose(w, weightsOf(straight)[i], 1e-5));

  const dir2 = tmp();
  const controller = new AbortController();
  const third = models();
  await deconv.dcgan.train({
    ...third,
    data,
    epochs: 2,
    batchSize: 32,
    seed: 3,
    checkpointDir: dir2,
    signal: controller.signal,
    onStep: (s) => {
      if (s.step === 9) controller.abort();
    },
  });
  dispose(third);
  const fourth = models(98);
  const again = await deconv.dcgan.train({ ...fourth, data, epochs: 2, batchSize: 32, seed: 3, checkpointDir: dir2, resume: true });
  assert.equal(again.step, 12);
  weightsOf(fourth).forEach((w, i) => expectArraysClose(w, weightsOf(straight)[i], 1e-5));
  [straight, second, fourth].forEach(dispose);
});

test('bad inputs: shape, zDim, batch, epochs, learning rate and resume errors name the mismatch', async () => {
  const m = models();
  const other = deconv.dcgan.discriminator({ ...ARCH, imageSize: 32 });
  await assert.rejects(
    deconv.dcgan.train({ generator: m.generator, discriminator: other, data, epochs: 1 }),
    /image shapes disagree: the generator makes \[28, 28, 1\], the discriminator takes \[32, 32, 1\], the data holds \[28, 28, 1\]/,
  );
  await assert.rejects(deconv.dcgan.train({ ...m, data, epochs: 1, zDim: 100 }), /zDim 100 does not match the generator's input size 8/);
  await assert.rejects(
    deconv.dcgan.train({ ...m, data, epochs: 1, batchSize: 500 }),
    /batchSize 500 is larger than the 192 training images/,
  );
  await assert.rejects(deconv.dcgan.train({ ...m, data, epochs: 0 }), /epochs must be a positive integer, got 0/);
  await assert.rejects(deconv.dcgan.train({ ...m, data, epochs: 1, learningRate: -1 }), /learningRate must be > 0, got -1/);
  await assert.rejects(deconv.dcgan.train({ ...m, data, epochs: 1, resume: true }), /resume needs a checkpointDir/);
  other.dispose();
  dispose(m);
});

test('resume refuses a checkpoint from another architecture, z size, seed or batch size', async () => {
  const dir = tmp();
  const m = models();
  await deconv.dcgan.train({ ...m, data, epochs: 1, batchSize: 64, seed: 1, checkpointDir: dir });
  dispose(m);
  const wider = { generator: deconv.dcgan.generator({ ...ARCH, width: 8 }), discriminator: deconv.dcgan.discriminator(ARCH) };
  await assert.rejects(
    deconv.dcgan.train({ ...wider, data, epochs: 2, batchSize: 64, seed: 1, checkpointDir: dir, resume: true }),
    /a different generator architecture: weight 0 is 'project\/kernel' \[8, 784\] in the checkpoint but 'project\/kernel' \[8, 1568\] here/,
  );
  dispose(wider);
  const otherZ = { generator: deconv.dcgan.generator({ ...ARCH, zDim: 16 }), discriminator: deconv.dcgan.discriminator(ARCH) };
  await assert.rejects(
    deconv.dcgan.train({ ...otherZ, data, epochs: 2, batchSize: 64, seed: 1, checkpointDir: dir, resume: true }),
    /the checkpoint's generator takes z size \(zDim\) 8 but this generator takes 16/,
  );
  dispose(otherZ);
  const same = models();
  await assert.rejects(
    deconv.dcgan.train({ ...same, data, epochs: 2, batchSize: 64, seed: 2, checkpointDir: dir, resume: true }),
    /trained with seed 1 but this run has 2/,
  );
  await assert.rejects(
    deconv.dcgan.train({ ...same, data, epochs: 2, batchSize: 32, seed: 1, checkpointDir: dir, resume: true }),
    /trained with batchSize 64 but this run has 32/,
  );
  dispose(same);
});

test('data as a plain [N, 28, 28, 1] tensor trains and is left undisposed', async () => {
  const m = models();
  const images = data.images.slice([0, 0, 0, 0], [64, 28, 28, 1]) as tf.Tensor4D;
  const h = await deconv.dcgan.train({ ...m, data: images, epochs: 1, batchSize: 32 });
  assert.equal(h.step, 2);
  assert.equal(images.isDisposed, false);
  images.dispose();
  dispose(m);
});

test('quality option: every epoch record carries experiments.quality of the samples of a fixed z; bad options are named', async () => {
  const m = models();
  const h = await deconv.dcgan.train({ ...m, data, epochs: 2, batchSize: 64, quality: { dataset: 'mnist', count: 50 } });
  assert.equal(h.epochs.filter((e) => e.quality && Number.isFinite(e.quality.fid) && e.quality.count === 50).length, 2);
  assert.notEqual(h.epochs[0].quality!.fid, h.epochs[1].quality!.fid);
  // The same z (drawn from the run's seed, 0) after training gives the last epoch's figures.
  const z = tf.randomNormal([50, ARCH.zDim], 0, 1, 'float32', deconv.data.mix32(0, 0x71)) as tf.Tensor2D;
  const images = deconv.experiments.generate(m.generator, z);
  assert.deepEqual(await deconv.experiments.quality(images, { dataset: 'mnist' }), h.epochs[1].quality);
  tf.dispose([z, images]);
  await assert.rejects(
    deconv.dcgan.train({ ...m, data, epochs: 1, quality: { dataset: 'svhn' as 'mnist' } }),
    /quality.dataset must be 'mnist' or 'fashion-mnist', got svhn/,
  );
  dispose(m);
});
