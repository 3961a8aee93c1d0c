import { checkSameDims, type FeatureMatrix, featureMatrix, rowDot } from './feature_matrix';

/** Squared Euclidean distance between row i of a and row j of b. */
function squaredDistance(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number, normsA: Float64Array, normsB: Float64Array): number {
  return Math.max(0, normsA[i] + normsB[j] - 2 * rowDot(a, i, b, j));
}

function squaredNorms(m: FeatureMatrix): Float64Array {
  return Float64Array.from({ length: m.count }, (_, i) => rowDot(m, i, m, i));
}

/** Squared radius of each row's k-nearest-neighbour ball within its own set (itself excluded). */
export function neighbourRadii(m: FeatureMatrix, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1 || k >= m.count)
    throw new Error(`precisionRecall: k must be an integer from 1 to ${m.count - 1} (rows − 1), got ${k}`);
  const norms = squaredNorms(m);
  const radii = new Float64Array(m.count);
  const row = new Float64Array(m.count - 1);
  for (let i = 0; i < m.count; i++) {
    let n = 0;
    for (let j = 0; j < m.count; j++) if (j !== i) row[n++] = squaredDistance(m, i, m, j, norms, norms);
    radii[i] = row.sort()[k - 1];
  }
  return radii;
}

/** Fraction of rows of `queries` inside at least one ball (centre row of `centres`, squared radius `radii`). */
function coverage(queries: FeatureMatrix, centres: FeatureMatrix, radii: Float64Array): number {
  const qn = squaredNorms(queries);
  const cn = squaredNorms(centres);
  let inside = 0;
  for (let i = 0; i < queries.count; i++) {
    for (let j = 0; j < centres.count; j++) {
      if (squaredDistance(queries, i, centres, j, qn, cn) <= radii[j]) {
        inside += 1;
        break;
      }
    }
  }
  return inside / queries.count;
}

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019): the real manifold is the union of balls around each real
 * feature reaching its k-th nearest real neighbour; precision is the fraction of generated features inside it, recall
 * the fraction of real features inside the generated manifold built the same way. `realRadii` reuses
 * {@link neighbourRadii} of `real`.
 */
export function precisionRecall(
  real: FeatureMatrix | ArrayLike<number>[],
  generated: FeatureMatrix | ArrayLike<number>[],
  k = 3,
  realRadii?: Float64Array,
): { precision: number; recall: number } {
  const r = featureMatrix(real, 'precisionRecall');
  const g = featureMatrix(generated, 'precisionRecall');
  checkSameDims(r, g, 'precisionRecall');
  return {
    precision: coverage(g, r, realRadii ?? neighbourRadii(r, k)),
    recall: coverage(r, g, neighbourRadii(g, k)),
  };
}
