import * as tf from '@tensorflow/tfjs-node';
import type { LabelledImages } from './labelled_images';

/** Options of {@link nearestNeighbourError}. */
export interface NearestNeighbourOptions {
  /** Training images per distance block; default 10,000. */
  trainChunk?: number;
  /** Test images per distance block; default 1,000 (a block of 1,000 × 10,000 distances is 40 MB). */
  testChunk?: number;
}

/** What {@link nearestNeighbourError} returns. */
export interface NearestNeighbourResult {
  /** Fraction of test images whose nearest training image has another label. */
  error: number;
  /** Misclassified test images. */
  wrong: number;
  /** Test images. */
  count: number;
  /** The predicted label (the nearest training image's) of each test image. */
  predictions: Int32Array;
}

function checkSet(where: string, set: LabelledImages): void {
  const images = set?.images;
  if (!(images instanceof tf.Tensor) || images.rank !== 4 || images.shape[0] < 1) {
    throw new Error(
      `nearestNeighbourError: ${where}.images must be a non-empty [N, H, W, C] tensor, got ${images instanceof tf.Tensor ? `[${images.shape.join(', ')}]` : typeof images}`,
    );
  }
  const labels = set.labels;
  if (!labels || typeof labels.length !== 'number' || labels.length !== images.shape[0]) {
    throw new Error(
      `nearestNeighbourError: ${where} has ${images.shape[0]} images but ${labels?.length ?? 'no'} labels; give one label per image`,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isInteger(labels[i]))
      throw new Error(`nearestNeighbourError: ${where}.labels[${i}] is ${labels[i]}; labels must be integers`);
  }
}

function chunkSize(name: string, value: number | undefined, fallback: number): number {
  const size = value ?? fallback;
  if (!Number.isInteger(size) || size < 1) throw new Error(`nearestNeighbourError: ${name} must be a positive integer, got ${size}`);
  return size;
}

/**
 * Test error of the 1-nearest-neighbour classifier with Euclidean distance on pixels (the DCGAN paper's Table 3):
 * each test image takes the label of its nearest training image. Distances come in blocks as ‖r‖² − 2·t·r (‖t‖² is
 * the same for every candidate of a test image) from one matMul per block; a tie goes to the earlier training image.
 * `train` may also be an iterable of labelled sets (e.g. a generator function yielding chunks of samples and
 * disposing each when the next is asked for), so that a training set larger than memory is streamed.
 */
export function nearestNeighbourError(
  train: LabelledImages | Iterable<LabelledImages>,
  test: LabelledImages,
  options: NearestNeighbourOptions = {},
): NearestNeighbourResult {
  checkSet('test', test);
  const trainChunk = chunkSize('trainChunk', options.trainChunk, 10_000);
  const testChunk = chunkSize('testChunk', options.testChunk, 1_000);
  const [testCount] = test.images.shape;
  const best = new Float32Array(testCount).fill(Infinity);
  const nearestLabel = new Int32Array(testCount);
  const streamed = Symbol.iterator in Object(train);
  const parts = streamed ? (train as Iterable<LabelledImages>) : [train as LabelledImages];
  let part = 0;
  for (const set of parts) {
    const where = streamed ? `train part ${part}` : 'train';
    checkSet(where, set);
    const pixels = set.images.shape.slice(1).join('×');
    if (pixels !== test.images.shape.slice(1).join('×')) {
      throw new Error(
        `nearestNeighbourError: ${where} images are ${pixels} but test images are ${test.images.shape.slice(1).join('×')}; compare images of one shape`,
      );
    }
    nearestInSet(set, test, { trainChunk, testChunk }, best, nearestLabel);
    part += 1;
  }
  if (part === 0) throw new Error('nearestNeighbourError: the training set iterable yielded no sets; give at least one labelled set');
  const wrong = nearestLabel.reduce((sum, label, i) => sum + (label === test.labels[i] ? 0 : 1), 0);
  return { error: wrong / testCount, wrong, count: testCount, predictions: nearestLabel };
}

/** Lowers `best` (squared distance minus ‖t‖²) and sets `nearestLabel` wherever an image of `train` is strictly nearer. */
function nearestInSet(
  train: LabelledImages,
  test: LabelledImages,
  chunks: Required<NearestNeighbourOptions>,
  best: Float32Array,
  nearestLabel: Int32Array,
): void {
  const { trainChunk, testChunk } = chunks;
  const [trainCount] = train.images.shape;
  const [testCount] = test.images.shape;
  for (let r = 0; r < trainCount; r += trainChunk) {
    const rows = tf.tidy(() => {
      const block = train.images.slice(r, Math.min(trainChunk, trainCount - r));
      const flat = block.reshape([block.shape[0], -1]) as tf.Tensor2D;
      return { flat, squared: tf.sum(tf.square(flat), 1) };
    });
    for (let t = 0; t < testCount; t += testChunk) {
      const [minimum, index] = tf.tidy(() => {
        const block = test.images.slice(t, Math.min(testChunk, testCount - t));
        const scores = tf.sub(
          rows.squared,
          tf.mul(2, tf.matMul(block.reshape([block.shape[0], -1]) as tf.Tensor2D, rows.flat, false, true)),
        );
        return [tf.min(scores, 1), tf.argMin(scores, 1)];
      });
      const values = minimum.dataSync();
      const indices = index.dataSync();
      tf.dispose([minimum, index]);
      for (let i = 0; i < values.length; i++) {
        if (values[i] < best[t + i]) {
          best[t + i] = values[i];
          nearestLabel[t + i] = train.labels[r + indices[i]];
        }
      }
    }
    tf.dispose([rows.flat, rows.squared]);
  }
}
