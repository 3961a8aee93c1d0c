import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';
import { loadGolden } from '../../ops/golden';

const { frechetDistance, kernelDistance, precisionRecall, symmetricEigen } = deconv.experiments;

// Written by test/golden/make_quality_golden.py: scipy.linalg.sqrtm FID, direct KID and precision/recall formulas.
interface QualityCase {
  name: string;
  real: number[][];
  fake: number[][];
  fid: number;
  kid: number;
  precision: number;
  recall: number;
}

const cases = loadGolden<QualityCase>('quality_metrics.json');

function closeRelative(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (relative error ${Math.abs(actual - expected) / Math.abs(expected)})`,
  );
}

for (const c of cases) {
  test(`quality metrics match numpy/scipy, ${c.name}: FID and KID to 1e-6 relative, precision/recall exactly`, () => {
    closeRelative(frechetDistance(c.real, c.fake), c.fid, 1e-6, 'FID');
    closeRelative(frechetDistance(c.fake, c.real), c.fid, 1e-6, 'FID (swapped)');
    closeRelative(kernelDistance(c.fake, c.real), c.kid, 1e-6, 'KID');
    assert.deepEqual(precisionRecall(c.real, c.fake, 3), { precision: c.precision, recall: c.recall });
  });
}

test('symmetricEigen n=5: V diag(λ) Vᵀ rebuilds the matrix and V is orthonormal', () => {
  const n = 5;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(i * 7 + j * 3 + 1) + (i === j ? 3 : 0);
  const { values, vectors } = symmetricEigen(a, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let rebuilt = 0;
      let gram = 0;
      for (let e = 0; e < n; e++) {
        rebuilt += vectors[i * n + e] * values[e] * vectors[j * n + e];
        gram += vectors[e * n + i] * vectors[e * n + j];
      }
      assert.ok(Math.abs(rebuilt - a[i * n + j]) < 1e-12, `A[${i}][${j}]`);
      assert.ok(Math.abs(gram - (i === j ? 1 : 0)) < 1e-12, `VᵀV[${i}][${j}]`);
    }
  }
});

test('quality metrics: identical sets give FID ≈ 0, precision = recall = 1; bad inputs are named', () => {
  const x = cases[0].real;
  assert.ok(Math.abs(frechetDistance(x, x)) < 1e-9);
  assert.deepEqual(precisionRecall(x, x, 3), { precision: 1, recall: 1 });
  assert.throws(() => frechetDistance(x, cases[1].real), /have 6 and 10 dimensions; compute both with the same network/);
  assert.throws(
    () =>
      kernelDistance(
        [[1, 2]],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    /each set needs at least 2 rows, got 1 and 2/,
  );
  assert.throws(() => precisionRecall(x.slice(0, 3), x, 3), /k must be an integer from 1 to 2/);
  assert.throws(
    () =>
      frechetDistance(
        [
          [1, NaN],
          [0, 0],
        ],
        x,
      ),
    /feature 0, 1 is NaN; features must be finite/,
  );
  assert.throws(() => frechetDistance([[1, 2], [3]], x), /row 1 has 1 values but row 0 has 2/);
});
