import { checkSameDims, type FeatureMatrix, featureMatrix, rowDot } from './feature_matrix';

/** The cubic polynomial kernel of KID, k(x, y) = (xᵀy / d + 1)³. */
function cubic(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): number {
  return (rowDot(a, i, b, j) / a.dims + 1) ** 3;
}

/** Σ_{i≠j} k(xᵢ, xⱼ) over one set (each pair counted twice, as in the estimator). */
export function withinKernelSum(x: FeatureMatrix): number {
  let sum = 0;
  for (let i = 0; i < x.count; i++) for (let j = i + 1; j < x.count; j++) sum += cubic(x, i, x, j);
  return 2 * sum;
}

/**
 * The Kernel Inception Distance (Bińkowski et al. 2018) on any features: the unbiased estimate of the squared MMD with
 * the cubic polynomial kernel, 1/(m(m−1)) Σ_{i≠j} k(xᵢ,xⱼ) + 1/(n(n−1)) Σ_{i≠j} k(yᵢ,yⱼ) − 2/(mn) Σ k(xᵢ,yⱼ), in float64.
 * Unbiased, so it can be slightly negative when the sets come from one distribution. `withinY` reuses a precomputed
 * {@link withinKernelSum} of y.
 */
export function kernelDistance(a: FeatureMatrix | ArrayLike<number>[], b: FeatureMatrix | ArrayLike<number>[], withinY?: number): number {
  const x = featureMatrix(a, 'kernelDistance');
  const y = featureMatrix(b, 'kernelDistance');
  checkSameDims(x, y, 'kernelDistance');
  if (x.count < 2 || y.count < 2) throw new Error(`kernelDistance: each set needs at least 2 rows, got ${x.count} and ${y.count}`);
  let cross = 0;
  for (let i = 0; i < x.count; i++) for (let j = 0; j < y.count; j++) cross += cubic(x, i, y, j);
  const [m, n] = [x.count, y.count];
  return withinKernelSum(x) / (m * (m - 1)) + (withinY ?? withinKernelSum(y)) / (n * (n - 1)) - (2 * cross) / (m * n);
}
