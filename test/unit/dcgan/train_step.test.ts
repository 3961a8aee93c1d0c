import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';

/*
 * Reference for one step, composed the plain tfjs way (independent of our chain, fused kernels and Adam):
 *   dLoss = BCE(D(x), 1) + BCE(D(G(z)), 0)  → tf.variableGrads over D's variables, tf.train.adam(2e-4, 0.5)
 *   gLoss = BCE(D(G(z)), 1)                 → tf.variableGrads over G's variables, tf.train.adam(2e-4, 0.5)
 * both from the weights before the step (a simultaneous update, as in the TensorFlow tutorial's two-tape step).
 */
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

  const bce = (logits: tf.Tensor, target: number): tf.Scalar =>
    tf.losses.sigmoidCrossEntropy(target ? tf.onesLike(logits) : tf.zerosLike(logits), logits) as tf.Scalar;
  const gVars = gRef.trainableWeights.map((w) => w.read() as tf.Variable);
  const dVars = dRef.trainableWeights.map((w) => w.read() as tf.Variable);
  const reference = tf.tidy(() => {
    const fake = (): tf.Tensor => gRef.apply(z, { training: true }) as tf.Tensor;
    const dOut = (x: tf.Tensor): tf.Tensor => dRef.apply(x, { training: true }) as tf.Tensor;
    const dLoss = (): tf.Scalar => tf.add(bce(dOut(real), 1), bce(dOut(fake()), 0));
    const gLoss = (): tf.Scalar => bce(dOut(fake()), 1);
    const dGrads = tf.variableGrads(dLoss, dVars);
    const gGrads = tf.variableGrads(gLoss, gVars);
    return { dGrads: dGrads.grads, gGrads: gGrads.grads, dLoss: dGrads.value, gLoss: gGrads.value };
  });
  const dAdam = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const gAdam = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const named = (grads: tf.NamedTensorMap) => Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
  dAdam.applyGradients(named(reference.dGrads));
  gAdam.applyGradients(named(reference.gGrads));

  const [dLoss, gLoss] = stats.dataSync();
  expectArraysClose([dLoss, gLoss], [reference.dLoss.dataSync()[0], reference.gLoss.dataSync()[0]], 1e-5);
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
  tf.dispose([stats, real, z, reference.dLoss, reference.gLoss, ...Object.values(reference.dGrads), ...Object.values(reference.gGrads)]);
  [g, d, gRef, dRef, g0].forEach((m) => m.dispose());
  [gOpt, dOpt].forEach((o) => o.dispose());
  [dAdam, gAdam].forEach((o) => o.dispose());
});
