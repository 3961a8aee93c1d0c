import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { seededRandom } from '../util/seeded_random';

const rng = seededRandom(2015);

function outputHeight(args: Omit<deconv.layers.Conv2DTransposeArgs, 'filters'>, inputSize: number): number {
  const model = tf.sequential({ layers: [deconv.layers.conv2dTranspose({ filters: 1, inputShape: [inputSize, inputSize, 2], ...args })] });
  const height = (model.outputs[0].shape as number[])[1];
  model.dispose();
  return height;
}

test('reaches every valid output size: 7x7, k=5, s=2, SAME -> 13, 14 and VALID -> 17, 18 via outputPadding (tfjs-layers: 14, 17 only)', () => {
  const same = [0, 1].map((op) => outputHeight({ kernelSize: 5, strides: 2, padding: 'same', outputPadding: op }, 7));
  assert.deepEqual(same, deconv.validTransposeOutputSizes(7, 5, 2, 'SAME'));
  const valid = [0, 1].map((op) => outputHeight({ kernelSize: 5, strides: 2, padding: 'valid', outputPadding: op }, 7));
  assert.deepEqual(valid, deconv.validTransposeOutputSizes(7, 5, 2, 'VALID'));
  assert.equal(outputHeight({ kernelSize: 5, strides: 2, padding: 'same' }, 7), 14, 'default: Keras size i*s');
  assert.equal(outputHeight({ kernelSize: 5, strides: 2, padding: 'valid' }, 7), 17, 'default: Keras size i*s + k - s');
  assert.equal(outputHeight({ kernelSize: 4, strides: 2, padding: 1 }, 4), 8, 'PyTorch padding 1');
  assert.equal(outputHeight({ kernelSize: 3, strides: 2, padding: 0, outputPadding: 1 }, 3), 8, 'PyTorch outputPadding beyond padding');
});

test('layer output equals the op: same + outputPadding -> conv2dTranspose SAME, numeric padding -> convTranspose2d, bias added', () => {
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(rng.values(2 * 4 * 4 * 3), [2, 4, 4, 3]);
  const tfLayer = deconv.layers.conv2dTranspose({
    filters: 2,
    kernelSize: 5,
    strides: 2,
    padding: 'same',
    outputPadding: 0,
    biasInitializer: 'ones',
  });
  const y = tfLayer.apply(x) as tf.Tensor;
  const [kernel, bias] = tfLayer.getWeights();
  const expected = tf.tidy(() => tf.add(deconv.conv2dTranspose(x, kernel as tf.Tensor4D, [2, 7, 7, 2], 2, 'SAME'), bias));
  assert.deepEqual(y.shape, [2, 7, 7, 2]);
  expectArraysClose(y.dataSync(), expected.dataSync(), 1e-5);
  const torchLayer = deconv.layers.conv2dTranspose({
    filters: 2,
    kernelSize: 3,
    strides: 2,
    padding: 1,
    outputPadding: 1,
    dilation: 2,
    useBias: false,
  });
  const z = torchLayer.apply(x) as tf.Tensor;
  const torch = tf.tidy(() => {
    const w = deconv.toTorchWeight(torchLayer.getWeights()[0] as tf.Tensor4D);
    const out = deconv.convTranspose2d(tf.transpose(x, [0, 3, 1, 2]) as tf.Tensor4D, w, {
      stride: 2,
      padding: 1,
      outputPadding: 1,
      dilation: 2,
    });
    return tf.transpose(out, [0, 2, 3, 1]);
  });
  assert.deepEqual(z.shape, torch.shape);
  expectArraysClose(z.dataSync(), torch.dataSync(), 1e-5);
  tf.dispose([x, y, expected, z, torch]);
  tfLayer.dispose();
  torchLayer.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('DCGAN MNIST generator with deconv layers trains with fit (gradients reach the kernels)', async () => {
  const model = tf.sequential({
    layers: [
      deconv.layers.conv2dTranspose({
        inputShape: [7, 7, 4],
        filters: 4,
        kernelSize: 5,
        strides: 1,
        padding: 'same',
        useBias: false,
        kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.02 }),
      }),
      deconv.layers.conv2dTranspose({ filters: 1, kernelSize: 5, strides: 2, padding: 'same' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  const x = tf.tensor4d(rng.values(8 * 7 * 7 * 4), [8, 7, 7, 4]);
  const target = tf.tensor4d(rng.values(8 * 14 * 14), [8, 14, 14, 1]);
  const history = await model.fit(x, target, { epochs: 15, batchSize: 8, verbose: 0 });
  const losses = history.history.loss as number[];
  assert.ok(losses[losses.length - 1] < losses[0], `loss ${losses[0]} -> ${losses[losses.length - 1]}`);
  tf.dispose([x, target]);
  model.dispose();
});

test('saves and loads with the model (file and memory handlers): same config, same weights, same predictions', async () => {
  const model = tf.sequential({
    layers: [
      deconv.layers.conv2dTranspose({
        inputShape: [4, 4, 3],
        filters: 2,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        outputPadding: 0,
        kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.5, seed: 1 }),
      }),
      deconv.layers.conv2dTranspose({
        filters: 1,
        kernelSize: [3, 4],
        strides: [2, 1],
        padding: [1, 0],
        outputPadding: [1, 0],
        dilation: [1, 2],
      }),
    ],
  });
  const x = tf.tensor4d(rng.values(2 * 4 * 4 * 3), [2, 4, 4, 3]);
  const y = model.predict(x) as tf.Tensor;
  const dir = mkdtempSync(join(tmpdir(), 'deconvlab-layer-'));
  try {
    await model.save(`file://${dir}`);
    const loaded = await tf.loadLayersModel(`file://${join(dir, 'model.json')}`);
    assert.equal(loaded.layers[0].getClassName(), 'DeconvlabConv2DTranspose');
    assert.deepEqual(loaded.layers[1].getConfig().padding, [1, 0]);
    assert.deepEqual(loaded.layers[0].getConfig().kernelInitializer, model.layers[0].getConfig().kernelInitializer);
    const y2 = loaded.predict(x) as tf.Tensor;
    assert.deepEqual(y2.shape, [2, 14, 13, 1]);
    expectArraysClose(y2.dataSync(), y.dataSync(), 0);
    let artifacts: Parameters<typeof tf.io.fromMemory>[0] | undefined;
    await loaded.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const fromMemory = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const y3 = fromMemory.predict(x) as tf.Tensor;
    expectArraysClose(y3.dataSync(), y.dataSync(), 0);
    tf.dispose([y2, y3]);
    loaded.dispose();
    fromMemory.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  tf.dispose([x, y]);
  model.dispose();
});

const bad: Array<[string, () => unknown, RegExp]> = [
  [
    'outputPadding >= stride with same',
    () => deconv.layers.conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, padding: 'same', outputPadding: 2 }),
    /outputPadding must be smaller than the stride 2 with padding 'same', got 2/,
  ],
  [
    'unknown initializer',
    () => deconv.layers.conv2dTranspose({ filters: 1, kernelSize: 3, kernelInitializer: 'gaussian' }),
    /kernelInitializer 'gaussian' is not a tf.initializers name/,
  ],
  ['zero filters', () => deconv.layers.conv2dTranspose({ filters: 0, kernelSize: 3 }), /filters must be a positive integer, got 0/],
  [
    'bad padding',
    () => deconv.layers.conv2dTranspose({ filters: 1, kernelSize: 3, padding: 'full' as 'same' }),
    /padding must be 'same', 'valid', a non-negative integer or a \[height, width\] pair, got 'full'/,
  ],
];
for (const [name, fn, message] of bad) test(`layer rejects ${name}`, () => assert.throws(fn, message));
