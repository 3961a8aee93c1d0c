/**
 * TensorBoard's scalar smoothing: an exponential moving average, debiased so the first points are not
 * pulled towards zero. `weight` in [0, 1): 0 returns the values, 0.9 averages over about 10 points.
 * Nulls (non-finite values) stay null and leave the average untouched. Shared by the dashboard's
 * renderer and its static fallback, so both draw the same curve.
 */
export function smoothEma(values: (number | null)[], weight: number): (number | null)[] {
  if (!(weight >= 0 && weight < 1)) throw new Error(`smoothing must be a number in [0, 1), got ${weight}`);
  let last = 0;
  let count = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * weight + (1 - weight) * v;
    count++;
    return last / (1 - weight ** count);
  });
}
