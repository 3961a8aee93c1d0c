import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smoothEma } from 'deconvlab-contract';

/** The debiased EMA in closed form: Σ_j w^(i−j)(1−w)v_j / (1 − w^(i+1)) over the finite values so far (TensorBoard's definition). */
function closedForm(values: number[], w: number): number[] {
  return values.map((_, i) => {
    let sum = 0;
    for (let j = 0; j <= i; j++) sum += w ** (i - j) * (1 - w) * values[j];
    return sum / (1 - w ** (i + 1));
  });
}

test('smoothEma weight=0.9 equals the closed form of the debiased moving average', () => {
  const values = Array.from({ length: 40 }, (_, i) => Math.sin(i) + i / 10);
  const smoothed = smoothEma(values, 0.9) as number[];
  closedForm(values, 0.9).forEach((v, i) => assert.ok(Math.abs(v - smoothed[i]) < 1e-12, `point ${i}: ${smoothed[i]} vs ${v}`));
});

test('smoothEma: a constant stays constant from the first point (debiased); weight 0 returns the values', () => {
  assert.deepEqual(
    smoothEma([3, 3, 3], 0.99).map((v) => Number((v as number).toFixed(12))),
    [3, 3, 3],
  );
  assert.deepEqual(smoothEma([1, 5, -2], 0), [1, 5, -2]);
});

test('smoothEma: nulls stay null and do not move the average; a weight outside [0, 1) is an error', () => {
  const s = smoothEma([2, null, 4], 0.5);
  assert.equal(s[1], null);
  assert.equal(s[2], closedForm([2, 4], 0.5)[1]);
  assert.throws(() => smoothEma([1], 1), /smoothing must be a number in \[0, 1\), got 1/);
});
