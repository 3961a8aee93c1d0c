import * as tf from '@tensorflow/tfjs-node';
import type { Adam } from './adam';
import { conditionImages, conditionLatent } from './condition';
import type { LayerChain } from './layer_chain';

/**
 * One DCGAN update of both networks from one generator forward pass (simultaneous updates, as in the TensorFlow
 * tutorial's two-tape step), with the non-saturating generator loss and sigmoid cross-entropy on D's logits:
 *   L_D = −log σ(D(x)) − log(1 − σ(D(G(z)))),  L_G = −log σ(D(G(z))).
 * Work per step: G forward once, D forward on real and on fake once each; D backward on real and fake for D's
 * weights, once more on fake for the gradient into G; G backward; two Adam updates. Returns, without reading it,
 * [L_D, L_G, mean σ(D(x)), mean σ(D(G(z)))].
 * With `condition`, both networks are class-conditional (condition.ts): the fake batch is drawn for the real batch's
 * labels, so D sees the same label mix on both sides, and only the gradient of G's image channels flows back into G.
 */
export function trainStep(
  g: LayerChain,
  d: LayerChain,
  gOptimizer: Adam,
  dOptimizer: Adam,
  real: tf.Tensor4D,
  z: tf.Tensor2D,
  condition?: { labels: tf.Tensor1D; classes: number },
): tf.Tensor1D {
  return tf.tidy(() => {
    const label = <T extends tf.Tensor4D | tf.Tensor2D>(x: T, how: (x: T, labels: tf.Tensor1D, classes: number) => T): T =>
      condition ? how(x, condition.labels, condition.classes) : x;
    const fake = g.forward(label(z, conditionLatent));
    const onReal = d.forward(label(real, conditionImages));
    const onFake = d.forward(label(fake.y as tf.Tensor4D, conditionImages));
    const batch = tf.scalar(real.shape[0]);
    const pReal = tf.sigmoid(onReal.y);
    const pFake = tf.sigmoid(onFake.y);
    // d/dlogit of the mean cross-entropies: σ(l) − target, over the batch size.
    const one = tf.scalar(1);
    const dReal = onReal.backward(tf.div(tf.sub(pReal, one), batch), { input: false, params: true });
    const dFake = onFake.backward(tf.div(pFake, batch), { input: false, params: true });
    const intoD = onFake.backward(tf.div(tf.sub(pFake, one), batch), { input: true, params: false }).dx as tf.Tensor4D;
    const intoG = condition ? tf.slice(intoD, [0, 0, 0, 0], [-1, -1, -1, real.shape[3]]) : intoD;
    const gGrads = fake.backward(intoG, { input: false, params: true }).grads;
    dOptimizer.apply(dFake.grads.map((grad, i) => tf.add(grad, dReal.grads[i])));
    gOptimizer.apply(gGrads);
    const dLoss = tf.add(tf.mean(tf.softplus(tf.neg(onReal.y))), tf.mean(tf.softplus(onFake.y)));
    const gLoss = tf.mean(tf.softplus(tf.neg(onFake.y)));
    return tf.stack([dLoss, gLoss, tf.mean(pReal), tf.mean(pFake)]) as tf.Tensor1D;
  });
}
