import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { decodeBase64 } from 'deconvlab-extension/lib-node/decode';
import { validatePayload } from 'deconvlab-extension/lib-node/validate';
import { expectArraysClose } from '../util/expect_arrays_close';
import { parseSvg } from '../util/parse_svg';

const MIME = 'application/vnd.deconvlab.image-grid+json';

test('images input=3x4x5x1 in [-1,1]: bytes are round((v+1)*127.5), captions kept, payload validates', () => {
  const x = tf.randomUniform([3, 4, 5, 1], -1, 1, 'float32', 3);
  const before = tf.memory().numTensors;
  const bundle = deconv.imagesBundle(x, { captions: ['a', 'b', '<img src=x onerror=alert(1)>'], title: 'samples' });
  assert.equal(tf.memory().numTensors, before, 'the builder leaked tensors');
  const p = validatePayload('imageGrid', bundle[MIME]);
  assert.deepEqual([p.count, p.height, p.width, p.channels, p.columns], [3, 4, 5, 1, 2]);
  assert.equal(p.captions?.[2], '<img src=x onerror=alert(1)>');
  const expected = x.add(1).mul(127.5).round().clipByValue(0, 255).dataSync();
  assert.deepEqual(Array.from(decodeBase64(p.data)), Array.from(expected));
  assert.equal(bundle['text/plain'], 'samples: 3 images of 4x5x1 (a, b, <img src=x onerror=alert(1)>)');
});

test('images input=2x2x2x3 in [0,1] with columns=1: range [0,1] guessed, the SVG embeds each image upscaled x16', () => {
  const x = tf.tensor4d([0, 0.5, 1, 0.25, 0.75, 1, 0, 0, 0, 1, 1, 1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 0, 0.5], [2, 2, 2, 3]);
  const bundle = deconv.imagesBundle(x, { columns: 1 });
  const p = validatePayload('imageGrid', bundle[MIME]);
  // tf rounds float32 halves (0.3 * 255 = 76.5) to even; the builder rounds the float64 product: allow 1 level.
  expectArraysClose(decodeBase64(p.data), x.mul(255).round().dataSync(), 1);
  const images = parseSvg(bundle['image/svg+xml'] as string).images;
  assert.equal(images.length, 2);
  const png = tf.node.decodePng(Buffer.from(images[1].replace('data:image/png;base64,', ''), 'base64'));
  assert.deepEqual(png.shape, [32, 32, 3]); // 2x2 upscaled to >= 32 px
  // Nearest neighbour: the top-left 16x16 block is image 1's first pixel.
  assert.deepEqual(Array.from(png.slice([15, 15, 0], [1, 1, 3]).dataSync()), Array.from(decodeBase64(p.data).slice(12, 15)));
  png.dispose();
});

test('images range=[0,255] and clipping outside the range', () => {
  const p = validatePayload('imageGrid', deconv.imagesBundle(tf.tensor3d([-5, 0, 128, 300], [2, 2, 1]), { range: [0, 255] })[MIME]);
  assert.deepEqual(Array.from(decodeBase64(p.data)), [0, 0, 128, 255]);
});

test('images errors: wrong channel count, caption count, bad range, bad columns', () => {
  assert.throws(
    () => deconv.imagesBundle(tf.zeros([2, 4, 4, 2])),
    /expected a tensor of shape \[N, H, W, 1\|3\] or \[H, W, 1\|3\], got \[2, 4, 4, 2\]/,
  );
  assert.throws(() => deconv.imagesBundle(tf.zeros([2, 4, 4, 1]), { captions: ['only one'] }), /1 captions for 2 images/);
  assert.throws(
    () => deconv.imagesBundle(tf.zeros([1, 4, 4, 1]), { range: [1, 1] }),
    /range must be two finite numbers \[lo, hi\] with lo < hi, or 'each', got \[1, 1\]/,
  );
  assert.throws(() => deconv.imagesBundle(tf.zeros([1, 4, 4, 1]), { columns: 0 }), /columns must be an integer in 1\.\.1024, got 0/);
});
