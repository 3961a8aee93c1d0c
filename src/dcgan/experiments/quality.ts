import * as tf from '@tensorflow/tfjs-node';
import { fashionMnist } from '../../data/fashion_mnist';
import { mnist } from '../../data/mnist';
import { type FeatureMatrix, featureMatrix } from './feature_matrix';
import { featureMoments, frechetFromMoments } from './frechet_distance';
import { kernelDistance, withinKernelSum } from './kernel_distance';
import { neighbourRadii, precisionRecall } from './precision_recall';
import { classifierFeatures, loadQualityClassifier, type QualityDataset } from './quality_classifier';

/** Options of {@link quality}. */
export interface QualityOptions {
  /** Whose classifier gives the features, and whose training split is the default reference. */
  dataset: QualityDataset;
  /** Real images to compare with (default: `referenceCount` images of the dataset's training split). */
  reference?: tf.Tensor4D;
  /** Size of the default reference sample (default 2,000, drawn with shuffleSeed 0). */
  referenceCount?: number;
  /** Neighbourhood size of precision/recall (default 3, Kynkäänniemi et al.'s). */
  k?: number;
  /** Folder of the classifier's model.json (default notebooks/weights/<dataset>/classifier). */
  classifierDirectory?: string;
}

/** Sample quality in the dataset classifier's feature space (not comparable with Inception-based FID/KID). */
export interface Quality {
  /** Fréchet distance of Gaussian fits (lower is better). */
  fid: number;
  /** Unbiased squared MMD with the cubic kernel (lower is better; ≈ 0 for the same distribution). */
  kid: number;
  /** Fraction of samples inside the real manifold (fidelity). */
  precision: number;
  /** Fraction of real images inside the samples' manifold (diversity). */
  recall: number;
  /** Images compared on each side. */
  count: number;
  referenceCount: number;
}

/** A reference set's features with what every comparison against it reuses. */
interface Reference {
  features: FeatureMatrix;
  moments: ReturnType<typeof featureMoments>;
  within: number;
  radii: Map<number, Float64Array>;
}

const references = new Map<string, Reference>();

async function features(images: tf.Tensor4D, options: QualityOptions): Promise<FeatureMatrix> {
  const classifier = await loadQualityClassifier(options.dataset, options.classifierDirectory);
  const x = classifierFeatures(classifier, images);
  try {
    return featureMatrix(x, 'quality');
  } finally {
    x.dispose();
  }
}

async function defaultReference(options: QualityOptions): Promise<Reference> {
  const count = options.referenceCount ?? 2000;
  const key = `${options.dataset}:${count}:${options.classifierDirectory ?? ''}`;
  const hit = references.get(key);
  if (hit) return hit;
  const set = (options.dataset === 'mnist' ? mnist : fashionMnist)({ split: 'train', count, shuffleSeed: 0 });
  try {
    const reference = prepare(await features(set.images, options));
    references.set(key, reference);
    return reference;
  } finally {
    set.dispose();
  }
}

function prepare(features: FeatureMatrix): Reference {
  return { features, moments: featureMoments(features), within: withinKernelSum(features), radii: new Map() };
}

/**
 * Fréchet distance, KID and k-NN precision/recall of `images` (e.g. a generator's samples, [N, 28, 28, 1] in
 * [−1, 1]) against real images, in the penultimate features of the dataset's shipped classifier — the offline
 * "Fréchet LeNet distance" kind of metric. Report it next to the floor of real test images against the reference.
 */
export async function quality(images: tf.Tensor4D, options: QualityOptions): Promise<Quality> {
  if (options?.dataset !== 'mnist' && options?.dataset !== 'fashion-mnist') {
    throw new Error(`quality: options.dataset must be 'mnist' or 'fashion-mnist', got ${String(options?.dataset)}`);
  }
  const k = options.k ?? 3;
  const ref = options.reference ? prepare(await features(options.reference, options)) : await defaultReference(options);
  const own = await features(images, options);
  if (!ref.radii.has(k)) ref.radii.set(k, neighbourRadii(ref.features, k));
  const { precision, recall } = precisionRecall(ref.features, own, k, ref.radii.get(k));
  return {
    fid: frechetFromMoments(featureMoments(own), ref.moments, own.dims),
    kid: kernelDistance(own, ref.features, ref.within),
    precision,
    recall,
    count: own.count,
    referenceCount: ref.features.count,
  };
}
