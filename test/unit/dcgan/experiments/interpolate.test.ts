import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';
import { seededRandom } from '../../util/seeded_random';

const { interpolate } = deconv.experiments;
const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

test('interpolate slerp between unit axes follows the quarter circle (cos tπ/2, sin tπ/2)', () => {
  for (const t of [0, 0.1, 0.25, 0.5, 0.9, 1]) {
    expectArraysClose(interpolate([1, 0], [0, 1], t, 'slerp'), [Math.cos((t * Math.PI) / 2), Math.sin((t * Math.PI) / 2)], 1e-6);
  }
});

test('interpolate slerp at 60 degrees, t=1/2: the bisector of norm 1 ((a+b)/(2cos 30°))', () => {
  const b = [0.5, Math.sqrt(3) / 2];
  const expected = [1.5 / (2 * Math.cos(Math.PI / 6)), b[1] / (2 * Math.cos(Math.PI / 6))];
  expectArraysClose(interpolate([1, 0], b, 0.5, 'slerp'), expected, 1e-6);
});

test('interpolate slerp, zDim=100, equal norms: endpoints exact and the norm kept at every t', () => {
  const random = seededRandom(6);
  const a = random.values(100);
  const raw = random.values(100);
  const b = raw.map((x) => (x * norm(a)) / norm(raw));
  expectArraysClose(interpolate(a, b, 0, 'slerp'), a, 1e-6);
  expectArraysClose(interpolate(a, b, 1, 'slerp'), b, 1e-6);
  for (let i = 1; i < 10; i++) assert.ok(Math.abs(norm(interpolate(a, b, i / 10, 'slerp')) - norm(a)) < 1e-4);
  // Linear interpolation shrinks the norm in between (the reason slerp is preferred for Gaussian z).
  assert.ok(norm(interpolate(a, b, 0.5, 'linear')) < 0.9 * norm(a));
});

test('interpolate linear is (1-t)a + tb, also past the ends', () => {
  expectArraysClose(interpolate([2, -4], [6, 0], 0.25, 'linear'), [3, -3], 1e-6);
  expectArraysClose(interpolate([2, -4], [6, 0], 1.5, 'linear'), [8, 2], 1e-6);
});

test('interpolate slerp of parallel vectors falls back to the linear limit', () => {
  expectArraysClose(interpolate([1, 2], [2, 4], 0.5, 'slerp'), [1.5, 3], 1e-6);
});

test('interpolate errors: opposite vectors, zero vector, length mismatch, bad t and mode', () => {
  assert.throws(() => interpolate([1, 0], [-1, 0], 0.5, 'slerp'), /opposite vectors.*mode 'linear'/);
  assert.throws(() => interpolate([0, 0], [1, 0], 0.5, 'slerp'), /non-zero vectors/);
  assert.throws(() => interpolate([1, 0], [1, 0, 0], 0.5, 'linear'), /different lengths 2 and 3/);
  assert.throws(() => interpolate([1], [2], Number.NaN, 'linear'), /t must be a finite number, got NaN/);
  assert.throws(() => interpolate([1], [2], 0.5, 'cubic' as 'linear'), /mode must be 'linear' or 'slerp', got 'cubic'/);
});
