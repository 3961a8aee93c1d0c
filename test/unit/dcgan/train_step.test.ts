import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { twoTapeStep } from './two_tape_step';

// Reference: twoTapeStep (a plain tfjs two-tape step with tf.train.adam, independent of our chain and kernels).
test('trainStep imageSize=16,batch=6 equals a plain tfjs two-tape step with tf.train.adam', () => {
  const options = { imageSize: 16, channels: 1, width: 4, zDim: 8 };
  const build = () => [deconv.dcgan.generator({ ...options, seed: 1 }), deconv.dcgan.discriminator({ ...options, seed: 1 })];
  const [g, d] = build();
  const [gRef, dRef] = build();
  const real = tf.randomUniform([6, 16, 16, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
  const z = tf.randomNormal([6, 8], 0, 1, 'float32', 4) as tf.Tensor2D;
  const adam = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };
  const gc = new deconv.dcgan.LayerChain(g);
  const dc = new deconv.dcgan.LayerChain(d);
  const gOpt = new deconv.dcgan.Adam(gc.params, adam);
  const dOpt = new deconv.dcgan.Adam(dc.params, adam);
  const stats = deconv.dcgan.trainStep(gc, dc, gOpt, dOpt, real, z);

  const reference = twoTapeStep({
    fake: () => gRef.apply(z, { training: true }) as tf.Tensor,
    dOut: (x) => dRef.apply(x, { training: true }) as tf.Tensor,
    real,
    gVars: gRef.trainableWeights.map((w) => w.read() as tf.Variable),
    dVars: dRef.trainableWeights.map((w) => w.read() as tf.Variable),
  });

  const [dLoss, gLoss] = stats.dataSync();
  expectArraysClose([dLoss, gLoss], reference, 1e-5);
  const trainable = (m: tf.LayersModel): Float32Array[] => m.trainableWeights.map((w) => w.read().dataSync() as Float32Array);
  trainable(g).forEach((w, i) => expectArraysClose(w, trainable(gRef)[i], 1e-6));
  trainable(d).forEach((w, i) => expectArraysClose(w, trainable(dRef)[i], 1e-6));
  // The update moved every variable (lr 2e-4: Adam's first step is ≈ ±lr wherever the gradient is non-zero).
  const [g0] = build();
  const moved = g.trainableWeights.map((w, i) => tf.max(tf.abs(tf.sub(w.read(), g0.trainableWeights[i].read()))).dataSync()[0]);
  expectArraysClose(
    moved,
    moved.map(() => 2e-4),
    1e-5,
  );
  tf.dispose([stats, real, z]);
  [g, d, gRef, dRef, g0].forEach((m) => m.dispose());
  [gOpt, dOpt].forEach((o) => o.dispose());
});
