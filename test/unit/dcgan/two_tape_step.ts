import * as tf from '@tensorflow/tfjs-node';

/** What {@link twoTapeStep} differentiates: G's output and D's logits in training mode, and the variables to update. */
export interface TwoTapeNetworks {
  /** G(z) in training mode (called once per loss). */
  fake: () => tf.Tensor;
  /** D's logits for a batch of images in training mode. */
  dOut: (images: tf.Tensor) => tf.Tensor;
  real: tf.Tensor;
  gVars: tf.Variable[];
  dVars: tf.Variable[];
}

/**
 * One DCGAN step composed the plain tfjs way, independent of our chain, fused kernels and Adam:
 *   dLoss = BCE(D(x), 1) + BCE(D(G(z)), 0)  → tf.variableGrads over D's variables, tf.train.adam(2e-4, 0.5)
 *   gLoss = BCE(D(G(z)), 1)                 → tf.variableGrads over G's variables, tf.train.adam(2e-4, 0.5)
 * both from the weights before the step (a simultaneous update, as in the TensorFlow tutorial's two-tape step).
 * Updates the variables in place and returns [dLoss, gLoss].
 */
export function twoTapeStep(n: TwoTapeNetworks): [number, number] {
  const bce = (logits: tf.Tensor, target: number): tf.Scalar =>
    tf.losses.sigmoidCrossEntropy(target ? tf.onesLike(logits) : tf.zerosLike(logits), logits) as tf.Scalar;
  const reference = tf.tidy(() => {
    const dLoss = (): tf.Scalar => tf.add(bce(n.dOut(n.real), 1), bce(n.dOut(n.fake()), 0));
    const gLoss = (): tf.Scalar => bce(n.dOut(n.fake()), 1);
    const dGrads = tf.variableGrads(dLoss, n.dVars);
    const gGrads = tf.variableGrads(gLoss, n.gVars);
    return { dGrads: dGrads.grads, gGrads: gGrads.grads, dLoss: dGrads.value, gLoss: gGrads.value };
  });
  const dAdam = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const gAdam = tf.train.adam(2e-4, 0.5, 0.999, 1e-8);
  const named = (grads: tf.NamedTensorMap) => Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
  dAdam.applyGradients(named(reference.dGrads));
  gAdam.applyGradients(named(reference.gGrads));
  const losses: [number, number] = [reference.dLoss.dataSync()[0], reference.gLoss.dataSync()[0]];
  tf.dispose([reference.dLoss, reference.gLoss, ...Object.values(reference.dGrads), ...Object.values(reference.gGrads)]);
  [dAdam, gAdam].forEach((o) => o.dispose());
  return losses;
}
