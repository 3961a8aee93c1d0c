import { checkSameDims, type FeatureMatrix, featureMatrix } from './feature_matrix';
import { symmetricEigen } from './symmetric_eigen';

/** Mean (length d) and unbiased covariance (d×d, divided by N − 1 as numpy.cov) of the rows. */
export function featureMoments(m: FeatureMatrix): { mean: Float64Array; covariance: Float64Array } {
  const { count, dims, values } = m;
  if (count < 2) throw new Error(`featureMoments: a covariance needs at least 2 feature rows, got ${count}`);
  const mean = new Float64Array(dims);
  for (let i = 0; i < count; i++) for (let j = 0; j < dims; j++) mean[j] += values[i * dims + j] / count;
  const covariance = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dims; j++) centred[j] = values[i * dims + j] - mean[j];
    for (let j = 0; j < dims; j++) {
      const cj = centred[j];
      for (let k = j; k < dims; k++) covariance[j * dims + k] += cj * centred[k];
    }
  }
  for (let j = 0; j < dims; j++) {
    for (let k = j; k < dims; k++) {
      covariance[j * dims + k] /= count - 1;
      covariance[k * dims + j] = covariance[j * dims + k];
    }
  }
  return { mean, covariance };
}

/** C = A·B for n×n row-major matrices. */
function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

/** The symmetric square root V·diag(√max(λ, 0))·Vᵀ of a symmetric positive semi-definite matrix. */
function symmetricSqrt(s: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(s, n);
  const root = new Float64Array(n * n);
  for (let e = 0; e < n; e++) {
    const r = Math.sqrt(Math.max(values[e], 0));
    for (let i = 0; i < n; i++) {
      const vi = vectors[i * n + e] * r;
      for (let j = 0; j < n; j++) root[i * n + j] += vi * vectors[j * n + e];
    }
  }
  return root;
}

/** tr √(Σ₁Σ₂) as Σ √λ of the symmetric √Σ₁·Σ₂·√Σ₁ (same eigenvalues as Σ₁Σ₂, but no non-symmetric square root). */
export function traceSqrtProduct(s1: Float64Array, s2: Float64Array, n: number): number {
  const r1 = symmetricSqrt(s1, n);
  const m = multiply(multiply(r1, s2, n), r1, n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = (m[i * n + j] + m[j * n + i]) / 2;
  }
  return symmetricEigen(m, n).values.reduce((t, l) => t + Math.sqrt(Math.max(l, 0)), 0);
}

/**
 * The Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017, "FID" when the features are
 * Inception's): ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂), in float64.
 */
export function frechetDistance(a: FeatureMatrix | ArrayLike<number>[], b: FeatureMatrix | ArrayLike<number>[]): number {
  const x = featureMatrix(a, 'frechetDistance');
  const y = featureMatrix(b, 'frechetDistance');
  checkSameDims(x, y, 'frechetDistance');
  return frechetFromMoments(featureMoments(x), featureMoments(y), x.dims);
}

/** The Fréchet distance from precomputed moments (see {@link featureMoments}). */
export function frechetFromMoments(
  p: { mean: Float64Array; covariance: Float64Array },
  q: { mean: Float64Array; covariance: Float64Array },
  dims: number,
): number {
  let distance = 0;
  for (let j = 0; j < dims; j++) distance += (p.mean[j] - q.mean[j]) ** 2 + p.covariance[j * dims + j] + q.covariance[j * dims + j];
  return distance - 2 * traceSqrtProduct(p.covariance, q.covariance, dims);
}
