import type * as tf from '@tensorflow/tfjs-node';

/** Labelled images `[N, H, W, C]` with one class id each. */
export interface LabelledImages {
  images: tf.Tensor4D;
  labels: ArrayLike<number>;
}
