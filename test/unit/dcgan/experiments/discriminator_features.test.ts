import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../../util/expect_arrays_close';

const { discriminatorFeatures, featureLayers } = deconv.experiments;

/** Plain-JS adaptive max pool of one [H, W, C] map (nested arrays) to size×size, flattened (row, column, channel). */
function poolByHand(map: number[][][], size: number): number[] {
  const h = map.length;
  const w = map[0].length;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      for (let c = 0; c < map[0][0].length; c++) {
        let best = -Infinity;
        for (let y = Math.floor((i * h) / size); y < Math.ceil(((i + 1) * h) / size); y++) {
          for (let x = Math.floor((j * w) / size); x < Math.ceil(((j + 1) * w) / size); x++) best = Math.max(best, map[y][x][c]);
        }
        out.push(best);
      }
    }
  }
  return out;
}

test('discriminatorFeatures imageSize=28,width=8: 4x4 per LeakyReLU layer (14x14x8, 7x7x16) = 16·24 dims, values = pooled activations', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 28, channels: 1, width: 8, seed: 4 });
  assert.deepEqual(featureLayers(d), ['lrelu1', 'lrelu2']);
  const images = tf.randomUniform([3, 28, 28, 1], -1, 1, 'float32', 2) as tf.Tensor4D;
  d.predict(images.slice(0, 1)).toString(); // builds the weights before counting tensors
  const before = tf.memory().numTensors;
  const features = discriminatorFeatures(d, images);
  assert.deepEqual(features.shape, [3, 16 * (8 + 16)]);
  assert.equal(tf.memory().numTensors, before + 1);
  // Independent path: tfjs's own graph execution of sub-models, pooled in plain JS.
  const sub = tf.model({ inputs: d.inputs, outputs: [d.getLayer('lrelu1').output, d.getLayer('lrelu2').output] as tf.SymbolicTensor[] });
  const [a1, a2] = sub.predict(images) as tf.Tensor[];
  const maps1 = a1.arraySync() as number[][][][];
  const maps2 = a2.arraySync() as number[][][][];
  const rows = features.arraySync();
  for (let n = 0; n < 3; n++) expectArraysClose(rows[n], [...poolByHand(maps1[n], 4), ...poolByHand(maps2[n], 4)], 1e-5);
  tf.dispose([features, a1, a2, images]);
  d.dispose();
});

test('discriminatorFeatures imageSize=32,width=4,batchSize=2: three layers (16, 8, 4 px) = 16·(4+8+16) dims; batching does not change values', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 32, channels: 3, width: 4, seed: 1 });
  const images = tf.randomUniform([5, 32, 32, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
  const whole = discriminatorFeatures(d, images);
  const batched = discriminatorFeatures(d, images, { batchSize: 2 });
  assert.deepEqual(whole.shape, [5, 16 * 28]);
  expectArraysClose(batched.dataSync(), whole.dataSync(), 1e-6);
  const one = discriminatorFeatures(d, images, { layers: ['lrelu3'], gridSize: 2 });
  assert.deepEqual(one.shape, [5, 4 * 16]);
  tf.dispose([whole, batched, one, images]);
  d.dispose();
});

test('discriminatorFeatures errors: unknown layer, non-map layer, wrong image size, empty batch', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 16, channels: 1, width: 4, seed: 1 });
  const images = tf.zeros([2, 16, 16, 1]) as tf.Tensor4D;
  assert.throws(() => discriminatorFeatures(d, images, { layers: ['nope'] }), /no layer 'nope'; its layers are conv1/);
  assert.throws(
    () => discriminatorFeatures(d, images, { layers: ['flatten'] }),
    /layer 'flatten' outputs shape \[N, 128\]; only \[N, H, W, C\] maps/,
  );
  assert.throws(
    () => discriminatorFeatures(d, tf.zeros([2, 28, 28, 1]) as tf.Tensor4D),
    /takes inputs of shape \[N, 16, 16, 1\], got \[2, 28, 28, 1\]/,
  );
  assert.throws(() => discriminatorFeatures(d, tf.zeros([0, 16, 16, 1]) as tf.Tensor4D), /empty batch/);
  images.dispose();
  d.dispose();
});
