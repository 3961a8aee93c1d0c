import assert from 'node:assert/strict';

/** Asserts two flat numeric arrays have equal length and agree element-wise within `tolerance` (absolute). */
export function expectArraysClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-4): void {
  assert.equal(actual.length, expected.length, `length ${actual.length} != expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (!(Math.abs(a - e) <= tolerance)) {
      assert.fail(`element ${i}: ${a} differs from expected ${e} by more than ${tolerance}`);
    }
  }
}
