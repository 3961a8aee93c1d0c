import * as tf from '@tensorflow/tfjs-node';

/** Feature vectors as a row-major float64 matrix: `count` rows of `dims` values. */
export interface FeatureMatrix {
  count: number;
  dims: number;
  values: Float64Array;
}

/** A FeatureMatrix from a `[N, d]` tensor or nested rows, checked to be rectangular, finite and non-empty. */
export function featureMatrix(x: tf.Tensor | ArrayLike<number>[] | FeatureMatrix, who: string): FeatureMatrix {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2 || x.shape[0] < 1) throw new Error(`${who}: expected features [N, d] with N >= 1, got shape [${x.shape.join(', ')}]`);
    return checkFinite({ count: x.shape[0], dims: x.shape[1] as number, values: Float64Array.from(x.dataSync()) }, who);
  }
  if ('values' in x && 'dims' in x) {
    if (x.values.length !== x.count * x.dims || x.count < 1)
      throw new Error(`${who}: a feature matrix of ${x.count}×${x.dims} needs ${x.count * x.dims} values, got ${x.values.length}`);
    return checkFinite(x, who);
  }
  const rows = x as ArrayLike<number>[];
  if (rows.length < 1) throw new Error(`${who}: expected at least one feature row, got none`);
  const dims = rows[0].length;
  const values = new Float64Array(rows.length * dims);
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== dims)
      throw new Error(`${who}: row ${i} has ${rows[i].length} values but row 0 has ${dims}; all rows need the same length`);
    for (let j = 0; j < dims; j++) values[i * dims + j] = rows[i][j];
  }
  return checkFinite({ count: rows.length, dims, values }, who);
}

function checkFinite(m: FeatureMatrix, who: string): FeatureMatrix {
  const bad = m.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new Error(`${who}: feature ${Math.floor(bad / m.dims)}, ${bad % m.dims} is ${m.values[bad]}; features must be finite`);
  return m;
}

/** Throws unless both matrices have the same number of dimensions. */
export function checkSameDims(a: FeatureMatrix, b: FeatureMatrix, who: string): void {
  if (a.dims !== b.dims)
    throw new Error(`${who}: the two feature sets have ${a.dims} and ${b.dims} dimensions; compute both with the same network`);
}

/** Dot product of row i of a and row j of b. */
export function rowDot(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): number {
  let s = 0;
  const d = a.dims;
  for (let k = 0, p = i * d, q = j * d; k < d; k++) s += a.values[p + k] * b.values[q + k];
  return s;
}
