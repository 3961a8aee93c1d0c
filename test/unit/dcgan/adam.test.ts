import { test } from 'node:test';
import * as deconv from 'deconvlab';
import * as tf from '@tensorflow/tfjs-node';
import { expectArraysClose } from '../util/expect_arrays_close';

// Reference: tfjs's tf.train.adam (θ − α·m̂/(√v̂ + ε) with explicit bias corrections) on the same gradients.
test('Adam lr=2e-4,beta1=0.5 matches tf.train.adam over 5 steps on two variables', () => {
  const init = [tf.randomNormal([4, 3], 0, 1, 'float32', 1), tf.randomNormal([3], 0, 1, 'float32', 2)];
  const ours = init.map((t) => tf.variable(t.clone()));
  const theirs = init.map((t) => tf.variable(t.clone()));
  const adam = new deconv.dcgan.Adam(ours, { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 });
  const reference = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  for (let step = 0; step < 5; step++) {
    const grads = init.map((t, i) => tf.randomNormal(t.shape, 0, 1 + step, 'float32', 10 * step + i));
    tf.tidy(() => adam.apply(grads));
    reference.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    tf.dispose(grads);
  }
  ours.forEach((v, i) => expectArraysClose(v.dataSync(), theirs[i].dataSync(), 1e-6));
  adam.dispose();
  reference.dispose();
  tf.dispose([...init, ...ours, ...theirs]);
});
