import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { decodeBase64, dequantise } from 'deconvlab-extension/lib-node/decode';
import { validatePayload } from 'deconvlab-extension/lib-node/validate';
import { expectArraysClose } from '../util/expect_arrays_close';
import { parseSvg } from '../util/parse_svg';

const MIME = 'application/vnd.deconvlab.feature-maps+json';

test('featureMaps input=1x5x4x3,scale=shared: payload validates; dequantised values match the tensor within half a step', () => {
  const x = tf.randomNormal([1, 5, 4, 3], 0, 2, 'float32', 7);
  const before = tf.memory().numTensors;
  const bundle = deconv.featureMapsBundle(x, { title: 'conv1', layer: 'generator/conv1' });
  assert.equal(tf.memory().numTensors, before, 'the builder leaked tensors');
  const p = validatePayload('featureMaps', bundle[MIME]);
  assert.deepEqual([p.height, p.width, p.channels, p.scale, p.title, p.layer], [5, 4, 3, 'shared', 'conv1', 'generator/conv1']);
  // Independent reference: per-channel statistics from tf ops on the original tensor.
  const perChannel = x.reshape([20, 3]);
  expectArraysClose(p.min, perChannel.min(0).dataSync(), 1e-6);
  expectArraysClose(p.max, perChannel.max(0).dataSync(), 1e-6);
  expectArraysClose(p.mean, perChannel.mean(0).dataSync(), 1e-5);
  const bytes = decodeBase64(p.data);
  const original = x.dataSync();
  const decoded = Array.from(original, (_, i) => {
    const c = i % 3;
    return dequantise(bytes[c * 20 + Math.floor(i / 3)], p.min[c], p.max[c]);
  });
  const step = Math.max(...p.max.map((m, c) => m - p.min[c])) / 255;
  expectArraysClose(decoded, original, step / 2 + 1e-6);
  assert.match(bundle['text/plain'] as string, /conv1 \/ generator\/conv1: 5x4, 3 channels/);
});

test('featureMaps input=6x6x2 (rank 3),scale=channel: each SVG tile runs viridis from its own min to its own max', () => {
  const x = tf.linspace(-1, 1, 72).reshape([6, 6, 2]);
  const bundle = deconv.featureMapsBundle(x, { scale: 'channel' });
  const p = validatePayload('featureMaps', bundle[MIME]);
  assert.equal(p.scale, 'channel');
  const svg = parseSvg(bundle['image/svg+xml'] as string);
  assert.ok(svg.texts.includes('colour: each channel over its own range'));
  for (const href of svg.images.slice(0, 2)) {
    const png = tf.node.decodePng(Buffer.from(href.replace('data:image/png;base64,', ''), 'base64'));
    // 6x6 upscaled x5 (to >= 32 px); first pixel = the channel's min = viridis #440154, last = its max = #fde725.
    assert.deepEqual(png.shape, [30, 30, 3]);
    const rgb = png.dataSync();
    assert.deepEqual(
      [Array.from(rgb.slice(0, 3)), Array.from(rgb.slice(-3))],
      [
        [0x44, 0x01, 0x54],
        [0xfd, 0xe7, 0x25],
      ],
    );
    png.dispose();
  }
});

test('featureMaps constant channel: quantises to zeros without dividing by zero', () => {
  const p = validatePayload('featureMaps', deconv.featureMapsBundle(tf.fill([2, 2, 1], 3.5))[MIME]);
  assert.deepEqual([p.min, p.max], [[3.5], [3.5]]);
  assert.deepEqual(Array.from(decodeBase64(p.data)), [0, 0, 0, 0]);
});

test('featureMaps errors: batch of 2, NaN values, unknown scale, too many channels', () => {
  assert.throws(
    () => deconv.featureMapsBundle(tf.zeros([2, 4, 4, 3])),
    /expected one activation of shape \[H, W, C\] or \[1, H, W, C\], got \[2, 4, 4, 3\]/,
  );
  assert.throws(() => deconv.featureMapsBundle(tf.tensor3d([1, NaN], [1, 2, 1])), /value NaN at flat index 1 is not finite/);
  assert.throws(
    () => deconv.featureMapsBundle(tf.zeros([2, 2, 1]), { scale: 'log' as 'shared' }),
    /scale must be 'shared' or 'channel', got "log"/,
  );
  assert.throws(() => deconv.featureMapsBundle(tf.zeros([1, 1, 1025])), /1x1x1025 exceeds the display limits/);
});
