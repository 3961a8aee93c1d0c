/**
 * The layer plan shared by the generator and the discriminator: which image sizes are supported, how many
 * stride-2 stages they need and how wide each stage is.
 */

/** Options of {@link generator} and {@link discriminator} (the discriminator ignores `zDim`). */
export interface ArchitectureOptions {
  /** Side of the square images: 4·2ⁿ (8, 16, 32, 64, …) or 7·2ⁿ (14, 28, 56, …). Default 64. */
  imageSize?: number;
  /** Image channels: 1 (MNIST) or 3 (RGB). Default 3. */
  channels?: number;
  /** Size of the latent vector z. Default 100 (the paper's). */
  zDim?: number;
  /** Channels of the finest hidden feature map; coarser stages double it. Default 64; 128 gives the paper's figure. */
  width?: number;
  /** Kernel side of every (transposed) convolution: 5 as in the paper's figure, 4 as in PyTorch's example. Default 5. */
  kernelSize?: number;
  /** Seed for the initial weights; omit for a random initialisation. */
  seed?: number;
  /**
   * Class-conditional networks for this many classes (the paper's §8.1 MNIST model; 0, the default, for an
   * unconditional DCGAN): G takes [z, one-hot label] (zDim + classes values), D takes the image with `classes` constant
   * one-hot planes appended to its channels (see condition.ts).
   */
  classes?: number;
  /**
   * Learned batch-norm scale (gamma) and offset (beta); default true. False removes both, which the paper found gave
   * better conditional MNIST models (§8.1).
   */
  batchNormAffine?: boolean;
}

/** One feature map of the plan: `size`×`size`×`channels`. */
export interface Stage {
  size: number;
  channels: number;
}

/** Checked options plus the feature maps from coarse to fine (the generator's order; the discriminator walks them back). */
export interface Architecture extends Required<Omit<ArchitectureOptions, 'seed'>> {
  seed: number | undefined;
  /** 4 or 7: the side of the coarsest feature map. */
  baseSize: number;
  /** Hidden feature maps of the generator, coarse to fine, ending at imageSize/2. */
  stages: Stage[];
}

function checkPositiveInt(name: string, value: number, hint: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${value}; ${hint}`);
  }
  return value;
}

/** The base (4 or 7) and number of stride-2 doublings n with imageSize = base·2ⁿ, n ≥ 1; throws otherwise. */
export function sizeSteps(imageSize: number): { baseSize: number; doublings: number } {
  for (const baseSize of [4, 7]) {
    const ratio = imageSize / baseSize;
    if (Number.isInteger(ratio) && ratio >= 2 && (ratio & (ratio - 1)) === 0) {
      return { baseSize, doublings: Math.log2(ratio) };
    }
  }
  throw new Error(
    `imageSize must be 4·2^n (8, 16, 32, 64, 128, …) or 7·2^n (14, 28, 56, …) so that stride-2 layers reach it from a ` +
      `4×4 or 7×7 map, got ${imageSize}; resize or pad the images (e.g. MNIST 28, or 32 with pad32).`,
  );
}

/** Validates the options, fills the defaults and computes the stages. */
export function architecture(options: ArchitectureOptions = {}): Architecture {
  const imageSize = options.imageSize ?? 64;
  if (!Number.isInteger(imageSize)) throw new Error(`imageSize must be an integer, got ${imageSize}`);
  const { baseSize, doublings } = sizeSteps(imageSize);
  const channels = checkPositiveInt('channels', options.channels ?? 3, 'use 1 for grey images, 3 for RGB');
  const zDim = checkPositiveInt('zDim', options.zDim ?? 100, 'the paper uses 100');
  const width = checkPositiveInt('width', options.width ?? 64, 'the paper uses 128 (4×4×1024 at the top of a 64×64 generator)');
  const kernelSize = options.kernelSize ?? 5;
  if (!Number.isInteger(kernelSize) || kernelSize < 2) {
    throw new Error(`kernelSize must be an integer >= 2 (the stride), got ${kernelSize}; the paper uses 5, PyTorch's DCGAN 4`);
  }
  const seed = options.seed;
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const classes = options.classes ?? 0;
  if (!Number.isInteger(classes) || classes < 0 || classes === 1) {
    throw new Error(`classes must be 0 (unconditional) or an integer >= 2, got ${classes}; MNIST has 10`);
  }
  const batchNormAffine = options.batchNormAffine ?? true;
  if (typeof batchNormAffine !== 'boolean') throw new Error(`batchNormAffine must be true or false, got ${String(batchNormAffine)}`);
  const stages: Stage[] = [];
  for (let i = doublings - 1; i >= 0; i--) stages.push({ size: imageSize >> (i + 1), channels: width << i });
  return { imageSize, channels, zDim, width, kernelSize, seed, classes, batchNormAffine, baseSize, stages };
}
