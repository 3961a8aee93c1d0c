import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';

const { vectorArithmetic } = deconv.experiments;

// By hand: mean(A) = (3, 4), mean(B) = (2, 3), mean(C) = (1, 1); A − B + C = (2, 2).
const A = (): tf.Tensor2D =>
  tf.tensor2d([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
const B = (): tf.Tensor2D =>
  tf.tensor2d([
    [0, 1],
    [2, 3],
    [4, 5],
  ]);
const C = (): tf.Tensor2D =>
  tf.tensor2d([
    [1, 0],
    [1, 2],
    [1, 1],
  ]);

test('vectorArithmetic k=3,zDim=2: means and mean(A) - mean(B) + mean(C) by hand; variants within ±noise; no leaks', () => {
  const [a, b, c] = [A(), B(), C()];
  const before = tf.memory().numTensors;
  const out = vectorArithmetic({ plus: [a, c], minus: [b], variants: 8, noise: 0.25, seed: 5 });
  expectArraysClose(out.means.dataSync(), [3, 4, 1, 1, 2, 3], 1e-6);
  assert.deepEqual(out.z.shape, [9, 2]);
  const z = out.z.arraySync();
  expectArraysClose(z[0], [2, 2], 1e-6);
  for (const row of z.slice(1)) row.forEach((v) => assert.ok(Math.abs(v - 2) <= 0.25 + 1e-6, `variant ${v} outside 2 ± 0.25`));
  assert.ok(new Set(z.slice(1).map((r) => r.join())).size === 8, 'variants differ from each other');
  tf.dispose([out.means, out.z]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([a, b, c]);
});

test('vectorArithmetic seed: same seed same variants, other seed other variants; variants=0 is y alone', () => {
  const [a, b] = [A(), B()];
  const run = (seed: number, variants = 3) => {
    const out = vectorArithmetic({ plus: [a], minus: [b], variants, seed });
    const values = Array.from(out.z.dataSync());
    tf.dispose([out.means, out.z]);
    return values;
  };
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1), run(2));
  expectArraysClose(run(1, 0), [1, 1], 1e-6);
  tf.dispose([a, b]);
});

test('vectorArithmetic with a generator: images = G(z)', () => {
  const g = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 2, width: 4, seed: 3 });
  const [a, b, c] = [A(), B(), C()];
  const out = vectorArithmetic({ plus: [a, c], minus: [b], variants: 2, generator: g });
  assert.ok(out.images);
  const reference = g.predict(out.z) as tf.Tensor;
  expectArraysClose(out.images.dataSync(), reference.dataSync(), 1e-5);
  tf.dispose([out.means, out.z, out.images, reference, a, b, c]);
  g.dispose();
});

test('vectorArithmetic errors: no plus term, zDim mismatch, 1-D term, bad noise/variants/seed', () => {
  const [a] = [A()];
  assert.throws(() => vectorArithmetic({ plus: [] }), /plus must list at least one/);
  const wide = tf.zeros([3, 5]) as tf.Tensor2D;
  assert.throws(() => vectorArithmetic({ plus: [a], minus: [wide] }), /minus\[0\] has zDim 5 but the first term has 2/);
  assert.throws(
    () => vectorArithmetic({ plus: [tf.zeros([2]) as unknown as tf.Tensor2D] }),
    /plus\[0\] must be a \[k, zDim\] batch.*got shape \[2\]/,
  );
  assert.throws(() => vectorArithmetic({ plus: [a], noise: -1 }), /noise must be a finite number >= 0, got -1/);
  assert.throws(() => vectorArithmetic({ plus: [a], variants: 1.5 }), /variants must be an integer >= 0, got 1.5/);
  assert.throws(() => vectorArithmetic({ plus: [a], seed: 0.5 }), /seed must be an integer, got 0.5/);
  tf.dispose([a, wide]);
});
