import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';

const { balancedSubset } = deconv.experiments;

test('balancedSubset count=13,classes=3: 5/4/4 per class, sorted, seeded', () => {
  const labels = Array.from({ length: 60 }, (_, i) => i % 3);
  const picked = balancedSubset(labels, 13, 3, 7);
  assert.equal(picked.length, 13);
  assert.deepEqual(
    [0, 1, 2].map((c) => picked.filter((i) => labels[i] === c).length),
    [5, 4, 4],
  );
  assert.deepEqual(
    picked,
    [...picked].sort((a, b) => a - b),
  );
  assert.equal(new Set(picked).size, 13);
  assert.deepEqual(balancedSubset(labels, 13, 3, 7), picked);
  assert.notDeepEqual(balancedSubset(labels, 13, 3, 8), picked);
});

test('balancedSubset errors: too few of a class, count below the class count, bad seed', () => {
  const labels = [0, 0, 0, 1];
  assert.throws(() => balancedSubset(labels, 4, 2, 0), /class 1 has 1 examples but 2 are needed for 4 labels/);
  assert.throws(() => balancedSubset(labels, 1, 2, 0), /count must be an integer >= classes \(2\).*got 1/);
  assert.throws(() => balancedSubset(labels, 2, 2, 0.5), /seed must be an integer, got 0.5/);
});
