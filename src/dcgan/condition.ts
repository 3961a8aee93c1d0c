/**
 * Class conditioning of the DCGAN networks (the paper's §8.1 MNIST model): the generator reads z followed by the
 * label's one-hot vector, the discriminator reads the image with one constant plane per class appended to its channels
 * (plane c is 1 where the label is c, 0 elsewhere), as the authors' `conv_cond_concat` does at D's input.
 */
import * as tf from '@tensorflow/tfjs-node';

/** Class ids as a tensor or a list of integers in [0, classes). */
export type Labels = tf.Tensor1D | ArrayLike<number>;

function checkClasses(where: string, classes: number): void {
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`${where}: classes must be an integer >= 2, got ${classes}`);
}

/**
 * One-hot rows [N, classes] for `count` labels. A list is checked value by value; a tensor only for its shape and int32
 * dtype (reading it would stall the training step), so out-of-range ids in a tensor give all-zero rows.
 */
export function oneHotLabels(where: string, labels: Labels, classes: number, count: number): tf.Tensor2D {
  checkClasses(where, classes);
  if (labels instanceof tf.Tensor) {
    if (labels.rank !== 1 || labels.shape[0] !== count || labels.dtype !== 'int32') {
      throw new Error(
        `${where}: labels must be an int32 tensor of shape [${count}] (one per ${count === 1 ? 'row' : 'row of the batch'}), got ${labels.dtype} [${labels.shape.join(', ')}]`,
      );
    }
    return tf.oneHot(labels, classes, 1, 0, 'float32') as tf.Tensor2D;
  }
  if (labels.length !== count) throw new Error(`${where}: got ${labels.length} labels for ${count} rows; give one label per row`);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`${where}: label ${i} is ${label}; labels must be integers from 0 to ${classes - 1}`);
    }
  }
  return tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), classes, 1, 0, 'float32') as tf.Tensor2D);
}

/** The conditional generator's input: each row of z [N, zDim] followed by its label's one-hot vector. */
export function conditionLatent(z: tf.Tensor2D, labels: Labels, classes: number): tf.Tensor2D {
  if (z.rank !== 2) throw new Error(`conditionLatent: z must be [N, zDim], got [${z.shape.join(', ')}]`);
  return tf.tidy(() => tf.concat([z, oneHotLabels('conditionLatent', labels, classes, z.shape[0])], 1));
}

/** The conditional discriminator's input: images [N, H, W, C] with `classes` one-hot label planes appended (C + classes channels). */
export function conditionImages(images: tf.Tensor4D, labels: Labels, classes: number): tf.Tensor4D {
  if (images.rank !== 4) throw new Error(`conditionImages: images must be [N, H, W, C], got [${images.shape.join(', ')}]`);
  const [count, height, width] = images.shape;
  return tf.tidy(() => {
    const planes = oneHotLabels('conditionImages', labels, classes, count).reshape([count, 1, 1, classes]);
    return tf.concat([images, tf.tile(planes, [1, height, width, 1])], 3) as tf.Tensor4D;
  });
}
