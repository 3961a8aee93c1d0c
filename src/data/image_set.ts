import * as tf from '@tensorflow/tfjs-node';
import { shuffledIndices } from './shuffle';

/** One mini-batch: images [b, h, w, c] in [−1, 1] and, when the set has them, integer labels [b]. */
export interface Batch {
  images: tf.Tensor4D;
  labels?: tf.Tensor1D;
}

/** Options of {@link ImageSet.batches} and {@link ImageSet.dataset}. */
export interface BatchOptions {
  /** Shuffle with this seed (a different permutation per seed); omit to keep the set's order. */
  seed?: number;
  /** Drop the last, smaller batch (default true: batch norm dislikes tiny batches). */
  dropRemainder?: boolean;
}

/** An in-memory image dataset: all images in one tensor, batches gathered on demand. */
export class ImageSet {
  /** Number of images. */
  readonly count: number;
  /** Side of the square images. */
  readonly imageSize: number;
  /** Channels per pixel. */
  readonly channels: number;

  /** Wraps `images` ([N, s, s, c], values in [−1, 1]) and optional int32 `labels` ([N]); the set owns both. */
  constructor(
    readonly images: tf.Tensor4D,
    readonly labels?: tf.Tensor1D,
  ) {
    const [count, height, width, channels] = images.shape;
    if (height !== width) throw new Error(`images must be square, got ${height}×${width}`);
    if (labels && labels.shape[0] !== count) throw new Error(`labels has ${labels.shape[0]} entries for ${count} images`);
    this.count = count;
    this.imageSize = height;
    this.channels = channels;
  }

  /** Yields batches of `batchSize` in order or shuffled by `seed`; dispose each batch's tensors after use. */
  *batches(batchSize: number, options: BatchOptions = {}): IterableIterator<Batch> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
    const order =
      options.seed === undefined ? Int32Array.from({ length: this.count }, (_, i) => i) : shuffledIndices(this.count, options.seed);
    const dropRemainder = options.dropRemainder ?? true;
    for (let start = 0; start < this.count; start += batchSize) {
      const end = Math.min(start + batchSize, this.count);
      if (dropRemainder && end - start < batchSize) break;
      yield this.gather(order.subarray(start, end));
    }
  }

  /** The same batches as a tf.data dataset (one pass per iteration, reshuffled identically). */
  dataset(batchSize: number, options: BatchOptions = {}): tf.data.Dataset<tf.TensorContainer> {
    return tf.data.generator(() => this.batches(batchSize, options) as unknown as Iterator<tf.TensorContainer>);
  }

  /** Images (and labels) at `indices`. */
  gather(indices: Int32Array | number[]): Batch {
    return tf.tidy(() => {
      const idx = tf.tensor1d(Int32Array.from(indices), 'int32');
      const images = tf.gather(this.images, idx);
      return this.labels ? { images, labels: tf.gather(this.labels, idx) } : { images };
    });
  }

  /** Frees the images and labels. */
  dispose(): void {
    this.images.dispose();
    this.labels?.dispose();
  }
}
