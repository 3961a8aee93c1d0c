import * as tf from '@tensorflow/tfjs-node';
import { checkRank } from '../../check';
import { dropChannels } from './drop_channels';
import { findLayer, forwardLayers, sequentialModel } from './forward_layers';
import { generate } from './generate';
import { fitLinearClassifier, type LinearClassifierOptions } from './linear_classifier';

/** Options of {@link forgetConcept}. */
export interface ForgetConceptOptions extends Omit<LinearClassifierOptions, 'classes'> {
  generator: tf.LayersModel;
  /** The generator layer whose feature maps are examined and dropped (e.g. 'relu2'). */
  layer: string;
  /** Latent vectors `[N, zDim]` whose images were labelled. */
  z: tf.Tensor;
  /** Per row of z: does its image show the concept (true/1) or not (false/0)? Both kinds must occur. */
  labels: ArrayLike<boolean | number>;
  /** Channels to drop: the `count` with the largest weights (default: every channel with a positive weight, the paper's rule). */
  count?: number;
  /** Latents of the before/after images (default z). */
  showZ?: tf.Tensor;
}

/** The outcome; the caller disposes `before` and `after`. */
export interface ForgottenConcept {
  /** Dropped channels, strongest first. */
  channels: number[];
  /** The logistic regression's weight of every channel towards the concept (standardised units). */
  weights: number[];
  /** The regression's accuracy on its own training rows (how linearly the layer encodes the concept). */
  trainAccuracy: number;
  /** Images of showZ from the intact generator and with the channels dropped. */
  before: tf.Tensor4D;
  after: tf.Tensor4D;
}

/**
 * "Forgetting to draw windows" (paper Fig. 6) for any labelled concept: a logistic regression from each channel's
 * mean activation at `layer` to the concept's presence picks the feature maps most tied to it, which are then zeroed.
 * The paper labelled spatial positions inside window boxes; here a label belongs to a whole image (e.g. "is a 7"),
 * so each channel contributes its spatial mean.
 */
export function forgetConcept(options: ForgetConceptOptions): ForgottenConcept {
  const { generator, layer, z, labels, count, showZ = z } = options;
  checkRank('forgetConcept', 'z', z.shape, 2, '[N, zDim]');
  const model = sequentialModel(generator, 'generator');
  findLayer(model, layer);
  const classes = Array.from(labels, (l) => Number(l));
  if (classes.length !== z.shape[0] || classes.some((c) => c !== 0 && c !== 1)) {
    throw new Error(
      `forgetConcept: labels must hold one boolean (or 0/1) per row of z (${z.shape[0]} rows), got ${classes.length} values${classes.some((c) => c !== 0 && c !== 1) ? ' including non-binary ones' : ''}`,
    );
  }
  const positives = classes.filter((c) => c === 1).length;
  if (positives === 0 || positives === classes.length) {
    throw new Error(
      `forgetConcept: labels must contain both kinds to learn the concept, got ${positives} positive of ${classes.length}; sample more z or choose another concept`,
    );
  }
  const features = tf.tidy(() => {
    const maps = forwardLayers(model, z, { stopAt: layer });
    if (maps.rank !== 4)
      throw new Error(
        `forgetConcept: layer '${layer}' outputs shape [${maps.shape.join(', ')}]; pick a layer with [N, H, W, C] feature maps`,
      );
    return tf.mean(maps, [1, 2]) as tf.Tensor2D;
  });
  const depth = features.shape[1];
  if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > depth)) {
    features.dispose();
    throw new Error(`forgetConcept: count must be an integer in [1, ${depth}] (layer '${layer}' has ${depth} channels), got ${count}`);
  }
  const classifier = fitLinearClassifier(features, classes, { ...options, classes: 2 });
  const trainAccuracy = classifier.accuracy(features, classes);
  const weights = tf.tidy(() => {
    const w = classifier.weights;
    return Array.from(tf.sub(w.slice([0, 1], [depth, 1]), w.slice([0, 0], [depth, 1])).dataSync());
  });
  classifier.dispose();
  features.dispose();
  const ranked = weights.map((w, c) => ({ w, c })).sort((a, b) => b.w - a.w || a.c - b.c);
  const channels = (count === undefined ? ranked.filter((r) => r.w > 0) : ranked.slice(0, count)).map((r) => r.c);
  const before = generate(generator, showZ);
  return { channels, weights, trainAccuracy, before, after: dropChannels(model, layer, channels).predict(showZ as tf.Tensor2D) };
}
