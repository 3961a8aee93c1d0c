import * as tf from '@tensorflow/tfjs-node';
import { mix32 } from '../../data/shuffle';
import { symmetricEigen } from './symmetric_eigen';

/** Options of {@link fitKmeansFeatures}. */
export interface KmeansFeaturesOptions {
  /** Side of the square patches (default 6, Coates & Ng's). */
  patchSize?: number;
  /** Number of centroids K; the features have 4K values (default 400). */
  centroids?: number;
  /** Random patches for the whitening and k-means (default 50,000). */
  patches?: number;
  /** Lloyd iterations (default 10). */
  iterations?: number;
  /** Seed of the patch sample and the initial centroids (default 0). */
  seed?: number;
  /** Images (evenly spaced over the fitted ones) whose features give the standardisation's mean and sd (default 2,000). */
  standardizationImages?: number;
}

/** A fitted 1-layer K-means feature extractor; owns tensors, so call `dispose()` when done. */
export interface KmeansFeatures {
  /** `[N, 4K]` standardised features of images `[N, H, W, C]`. */
  extract(images: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

// Coates & Ng add 10 to the variance of 0–255 pixel patches; our pixels are (v / 127.5 − 1).
const CONTRAST_EPSILON = 10 / 127.5 ** 2;
const WHITENING_EPSILON = 0.1;
// Coates & Ng's kmeans_demo.m standardises each feature by √(var + 0.01) before the SVM.
const FEATURE_VARIANCE_EPSILON = 0.01;

/** Every patchSize×patchSize patch of `images` (stride 1), brightness- and contrast-normalised: `[N·positions, p²C]`. */
function normalisedPatches(images: tf.Tensor4D, patchSize: number): tf.Tensor2D {
  return tf.tidy(() => {
    const c = images.shape[3];
    const size = patchSize * patchSize * c;
    // An identity filter bank copies each patch into the channels (the order of tf.image's extract_patches).
    const identity = tf.reshape(tf.oneHot(tf.range(0, size, 1, 'int32'), size).toFloat(), [patchSize, patchSize, c, size]) as tf.Tensor4D;
    const patches = tf.reshape(tf.conv2d(images, identity, 1, 'valid'), [-1, size]);
    const { mean, variance } = tf.moments(patches, 1, true);
    return tf.div(tf.sub(patches, mean), tf.sqrt(tf.add(variance, CONTRAST_EPSILON))) as tf.Tensor2D;
  });
}

/** `count` normalised patches drawn uniformly (seeded) from all positions of all images: `[count, p²C]`. */
function samplePatches(images: tf.Tensor4D, patchSize: number, count: number, seed: number): tf.Tensor2D {
  const [n, h, w] = images.shape;
  const positions = (h - patchSize + 1) * (w - patchSize + 1);
  const rows = Array.from({ length: count }, (_, i) => mix32(seed, 0x70, i) % (n * positions)).sort((a, b) => a - b);
  const chunks: tf.Tensor2D[] = [];
  const chunk = 200;
  for (let start = 0, r = 0; start < n; start += chunk) {
    const local: number[] = [];
    for (; r < rows.length && rows[r] < (start + chunk) * positions; r++) local.push(rows[r] - start * positions);
    if (local.length > 0) {
      chunks.push(
        tf.tidy(() =>
          tf.gather(normalisedPatches(images.slice(start, Math.min(chunk, n - start)), patchSize), tf.tensor1d(local, 'int32')),
        ),
      );
    }
  }
  const sample = tf.concat(chunks, 0) as tf.Tensor2D;
  tf.dispose(chunks);
  return sample;
}

/** ZCA whitening of `[P, d]` rows: mean and V·diag(1/√(λ + ε))·Vᵀ from the sample covariance. */
function zca(patches: tf.Tensor2D): { mean: tf.Tensor1D; matrix: tf.Tensor2D } {
  const d = patches.shape[1];
  const mean = tf.mean(patches, 0) as tf.Tensor1D;
  const cov = tf.tidy(() => {
    const centred = tf.sub(patches, mean);
    return tf.div(tf.matMul(centred, centred, true, false), patches.shape[0] - 1);
  });
  const { values, vectors } = symmetricEigen(Float64Array.from(cov.dataSync()), d);
  cov.dispose();
  const w = new Float64Array(d * d);
  for (let e = 0; e < d; e++) {
    const scale = 1 / Math.sqrt(Math.max(values[e], 0) + WHITENING_EPSILON);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) w[i * d + j] += vectors[i * d + e] * scale * vectors[j * d + e];
  }
  return { mean, matrix: tf.tensor2d(Float32Array.from(w), [d, d]) };
}

/** Squared distances `[P, K]` between rows and centroids. */
function squaredDistances(x: tf.Tensor2D, centroids: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(
    () =>
      tf.relu(
        tf.add(tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(2, tf.matMul(x, centroids, false, true))), tf.sum(tf.square(centroids), 1)),
      ) as tf.Tensor2D,
  );
}

/** Lloyd's k-means from K distinct random rows; an emptied cluster keeps its centroid. */
function kmeans(x: tf.Tensor2D, k: number, iterations: number, seed: number): tf.Tensor2D {
  const picked = new Set<number>();
  for (let i = 0; picked.size < k; i++) picked.add(mix32(seed, 0x6b, i) % x.shape[0]);
  let centroids = tf.gather(x, Array.from(picked)) as tf.Tensor2D;
  for (let it = 0; it < iterations; it++) {
    const next = tf.tidy(() => {
      const assign = tf.argMin(squaredDistances(x, centroids), 1) as tf.Tensor1D;
      const sums = tf.unsortedSegmentSum(x, assign, k);
      const counts = tf.unsortedSegmentSum(tf.onesLike(assign).toFloat(), assign, k).reshape([k, 1]);
      return tf.where(tf.greater(counts, 0), tf.div(sums, tf.maximum(counts, 1)), centroids) as tf.Tensor2D;
    });
    centroids.dispose();
    centroids = next;
  }
  return centroids;
}

/** Sum of `[N, h, w, K]` maps over the four image quadrants: `[N, 4K]`. */
function quadrantSums(maps: tf.Tensor4D): tf.Tensor2D {
  const [n, h, w, k] = maps.shape;
  const [h2, w2] = [Math.ceil(h / 2), Math.ceil(w / 2)];
  const cells = [
    [0, h2],
    [h2, h - h2],
  ].flatMap(([top, height]) =>
    [
      [0, w2],
      [w2, w - w2],
    ].map(([left, width]) => tf.sum(tf.slice(maps, [0, top, left, 0], [n, height, width, k]), [1, 2])),
  );
  return tf.concat(cells, 1) as tf.Tensor2D;
}

/**
 * The "1-layer K-means" features of Coates, Lee & Ng (2011), the paper's Table 1 baseline: random patches normalised
 * for brightness and contrast, ZCA-whitened, clustered by k-means; an image's features are the triangle activations
 * max(0, mean_k d_k − d_k) of its patches at every position (stride 1), summed over the four quadrants, then
 * standardised per feature with the mean and √(var + 0.01) of the fitted images' features (their kmeans_demo.m; the
 * statistics need no labels). Unstandardised, these sums span orders of magnitude and the SVM's solver barely converges.
 */
export function fitKmeansFeatures(images: tf.Tensor4D, options: KmeansFeaturesOptions = {}): KmeansFeatures {
  const { patchSize = 6, centroids: k = 400, patches = 50000, iterations = 10, seed = 0, standardizationImages = 2000 } = options;
  const [n, h, w] = images.shape;
  if (!Number.isInteger(patchSize) || patchSize < 1 || patchSize > Math.min(h, w))
    throw new Error(`fitKmeansFeatures: patchSize must be an integer from 1 to ${Math.min(h, w)}, got ${patchSize}`);
  if (!Number.isInteger(k) || k < 2) throw new Error(`fitKmeansFeatures: centroids must be an integer >= 2, got ${k}`);
  const positions = (h - patchSize + 1) * (w - patchSize + 1);
  if (!Number.isInteger(patches) || patches < k || patches > n * positions)
    throw new Error(
      `fitKmeansFeatures: patches must be an integer from ${k} (centroids) to ${n * positions} (all patches of the images), got ${patches}`,
    );
  if (!Number.isInteger(standardizationImages) || standardizationImages < 2)
    throw new Error(`fitKmeansFeatures: standardizationImages must be an integer >= 2, got ${standardizationImages}`);
  const sample = samplePatches(images, patchSize, patches, seed);
  const whitening = zca(sample);
  const whitened = tf.tidy(() => tf.matMul(tf.sub(sample, whitening.mean), whitening.matrix));
  const centres = kmeans(whitened as tf.Tensor2D, k, iterations, seed);
  tf.dispose([sample, whitened]);
  const extractChunk = (batch: tf.Tensor4D): tf.Tensor2D =>
    tf.tidy(() => {
      const z = tf.matMul(tf.sub(normalisedPatches(batch, patchSize), whitening.mean), whitening.matrix) as tf.Tensor2D;
      const distances = tf.sqrt(squaredDistances(z, centres));
      const active = tf.relu(tf.sub(tf.mean(distances, 1, true), distances));
      return quadrantSums(tf.reshape(active, [batch.shape[0], h - patchSize + 1, w - patchSize + 1, k]));
    });
  const rawFeatures = (x: tf.Tensor4D): tf.Tensor2D => {
    const chunks: tf.Tensor2D[] = [];
    for (let start = 0; start < x.shape[0]; start += 100)
      chunks.push(tf.tidy(() => extractChunk(x.slice(start, Math.min(100, x.shape[0] - start)))));
    const out = tf.concat(chunks, 0) as tf.Tensor2D;
    tf.dispose(chunks);
    return out;
  };
  const standardization = tf.tidy(() => {
    const count = Math.min(standardizationImages, n);
    const spaced = Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
    const { mean, variance } = tf.moments(rawFeatures(tf.gather(images, spaced) as tf.Tensor4D), 0);
    return { mean, sd: tf.sqrt(tf.add(variance, FEATURE_VARIANCE_EPSILON)) };
  });
  return {
    extract: (x) => {
      if (x.rank !== 4 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== images.shape[3]) {
        throw new Error(
          `KmeansFeatures: expected images [N, ${h}, ${w}, ${images.shape[3]}] like the fitted ones, got [${x.shape.join(', ')}]`,
        );
      }
      return tf.tidy(() => tf.div(tf.sub(rawFeatures(x), standardization.mean), standardization.sd) as tf.Tensor2D);
    },
    dispose: () => tf.dispose([whitening.mean, whitening.matrix, centres, standardization.mean, standardization.sd]),
  };
}
