import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

test('shapes count=24: [24, 64, 64, 3] in [-1, 1], labels 0-2, deterministic in the seed', () => {
  const a = deconv.data.shapes({ count: 24, seed: 3 });
  const b = deconv.data.shapes({ count: 24, seed: 3 });
  const c = deconv.data.shapes({ count: 24, seed: 4 });
  assert.deepEqual(a.images.shape, [24, 64, 64, 3]);
  assert.ok(a.images.min().dataSync()[0] >= -1 && a.images.max().dataSync()[0] <= 1);
  assert.deepEqual(a.images.dataSync(), b.images.dataSync());
  assert.notDeepEqual(a.images.dataSync(), c.images.dataSync());
  const labels = Array.from(a.labels!.dataSync());
  assert.ok(labels.every((l) => l >= 0 && l < deconv.data.SHAPE_KINDS.length));
  assert.ok(new Set(labels).size === 3, `all three kinds appear among 24 images: ${labels}`);
  [a, b, c].forEach((s) => s.dispose());
});

test('shapes images are not flat: every image has colour variation (texture and shapes)', () => {
  const set = deconv.data.shapes({ count: 8, imageSize: 32, seed: 1 });
  const spread = tf.tidy(() => tf.sub(set.images.max([1, 2, 3]), set.images.min([1, 2, 3])).dataSync());
  assert.ok(
    Array.from(spread).every((s) => s > 0.5),
    `per-image value range ${Array.from(spread)}`,
  );
  assert.throws(() => deconv.data.shapes({ imageSize: 4 }), /imageSize must be an integer >= 8, got 4/);
  assert.throws(() => deconv.data.shapes({ count: -1 }), /count must be a positive integer, got -1/);
  set.dispose();
});
