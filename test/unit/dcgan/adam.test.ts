import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
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

/**
 * The 12-kernel tfjs Adam deconvlab used before the fused ApplyAdam kernel (same folded bias corrections), as an
 * independent reference: θ ← θ − rate·m/(√v + ε′) with m, v updated by tfjs's elementwise ops.
 */
function elementwiseAdam(params: tf.Variable[], lr: number, beta1: number, beta2: number, epsilon: number) {
  const m = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  const v = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  let step = 0;
  return {
    apply(grads: tf.Tensor[]): void {
      step += 1;
      const correction2 = Math.sqrt(1 - beta2 ** step);
      tf.tidy(() =>
        params.forEach((p, i) => {
          m[i].assign(tf.add(tf.mul(m[i], beta1), tf.mul(grads[i], 1 - beta1)));
          v[i].assign(tf.add(tf.mul(v[i], beta2), tf.mul(tf.square(grads[i]), 1 - beta2)));
          const rate = (lr * correction2) / (1 - beta1 ** step);
          p.assign(tf.sub(p, tf.mul(tf.div(m[i], tf.add(tf.sqrt(v[i]), epsilon * correction2)), rate)));
        }),
      );
    },
    dispose: () => tf.dispose([...m, ...v]),
  };
}

const DCGAN_SHAPES = [[5, 5, 16, 32], [16], [100, 64], [1]];
const gradsAt = (step: number) => DCGAN_SHAPES.map((s, i) => tf.randomNormal(s, 0, 10 ** -(step % 3), 'float32', 100 * step + i));

test('Adam (fused ApplyAdam) matches the elementwise tfjs Adam to 1e-6 over 10 steps on DCGAN-like shapes, and picks up a replaced weight', () => {
  const before = tf.memory().numTensors;
  const init = DCGAN_SHAPES.map((s, i) => tf.randomNormal(s, 0, 0.02, 'float32', 7 + i));
  const ours = init.map((t) => tf.tidy(() => tf.variable(t.clone())));
  const theirs = init.map((t) => tf.tidy(() => tf.variable(t.clone())));
  const adam = new deconv.dcgan.Adam(ours, { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 });
  const reference = elementwiseAdam(theirs, 2e-4, 0.5, 0.999, 1e-8);
  for (let step = 0; step < 10; step++) {
    if (step === 6) {
      // as setWeights or a checkpoint load does between steps
      const replaced = tf.randomNormal(DCGAN_SHAPES[0], 0, 0.02, 'float32', 99);
      ours[0].assign(replaced);
      theirs[0].assign(replaced);
      replaced.dispose();
    }
    const grads = gradsAt(step);
    tf.tidy(() => adam.apply(grads));
    reference.apply(grads);
    tf.dispose(grads);
  }
  assert.equal(adam.step, 10);
  ours.forEach((v, i) => expectArraysClose(v.dataSync(), theirs[i].dataSync(), 1e-6));
  const state = adam.state();
  state.m.forEach((t, i) => assert.deepEqual(t.shape, DCGAN_SHAPES[i]));
  tf.dispose([...state.m, ...state.v]);
  adam.dispose();
  reference.dispose();
  tf.dispose([...init, ...ours, ...theirs]);
  assert.equal(tf.memory().numTensors, before, 'Adam leaked tensors');
});

test('Adam state() then load() into a fresh optimizer continues exactly as the original', () => {
  const init = DCGAN_SHAPES.map((s, i) => tf.randomNormal(s, 0, 0.02, 'float32', 20 + i));
  const config = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };
  const first = init.map((t) => tf.tidy(() => tf.variable(t.clone())));
  const original = new deconv.dcgan.Adam(first, config);
  for (let step = 0; step < 3; step++) {
    const grads = gradsAt(step);
    tf.tidy(() => original.apply(grads));
    tf.dispose(grads);
  }
  const second = first.map((p) => tf.tidy(() => tf.variable(p.clone())));
  const resumed = new deconv.dcgan.Adam(second, config);
  const saved = original.state();
  resumed.load(saved);
  tf.dispose([...saved.m, ...saved.v]); // load keeps its own reference to the buffers
  for (let step = 3; step < 6; step++) {
    const grads = gradsAt(step);
    tf.tidy(() => original.apply(grads));
    tf.tidy(() => resumed.apply(grads));
    tf.dispose(grads);
  }
  first.forEach((p, i) => assert.deepEqual(Array.from(second[i].dataSync()), Array.from(p.dataSync())));
  [original, resumed].forEach((o) => o.dispose());
  tf.dispose([...init, ...first, ...second]);
});

test('Adam.load names the mismatching tensor', () => {
  const p = [tf.variable(tf.zeros([2, 3]))];
  const adam = new deconv.dcgan.Adam(p, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  const wrong = { step: 1, m: [tf.zeros([3, 2])], v: [tf.zeros([2, 3])] };
  assert.throws(() => adam.load(wrong), /optimizer m\[0\] has shape \[3,2\] but variable '.*' has \[2,3\]/);
  tf.dispose([...wrong.m, ...wrong.v, ...p]);
  adam.dispose();
});
