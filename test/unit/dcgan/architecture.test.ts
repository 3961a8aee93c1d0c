import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

const shapes = (model: tf.LayersModel): string[] =>
  model.layers.map((l) => `${l.name}:${l.getClassName()}:${JSON.stringify((l.outputShape as number[]).slice(1))}`);

// The paper's Figure 1: z ∈ R^100 → 4×4×1024 → 8×8×512 → 16×16×256 → 32×32×128 → 64×64×3, 5×5 kernels, stride 2.
test('generator imageSize=64,width=128,k=5 matches the paper figure layer by layer', () => {
  const g = deconv.dcgan.generator({ imageSize: 64, channels: 3, zDim: 100, width: 128, kernelSize: 5, seed: 1 });
  assert.deepEqual(shapes(g), [
    'project:Dense:[16384]',
    'reshape:Reshape:[4,4,1024]',
    'bn0:BatchNormalization:[4,4,1024]',
    'relu0:ReLU:[4,4,1024]',
    'deconv1:Conv2DTranspose:[8,8,512]',
    'bn1:BatchNormalization:[8,8,512]',
    'relu1:ReLU:[8,8,512]',
    'deconv2:Conv2DTranspose:[16,16,256]',
    'bn2:BatchNormalization:[16,16,256]',
    'relu2:ReLU:[16,16,256]',
    'deconv3:Conv2DTranspose:[32,32,128]',
    'bn3:BatchNormalization:[32,32,128]',
    'relu3:ReLU:[32,32,128]',
    'deconv4:Conv2DTranspose:[64,64,3]',
    'tanh:Activation:[64,64,3]',
  ]);
  for (const l of g.layers.filter((x) => x.getClassName() === 'Conv2DTranspose')) {
    const c = l.getConfig();
    assert.deepEqual([c.kernelSize, c.strides, c.padding], [[5, 5], [2, 2], 'same'], l.name);
  }
  // Parameter count by formula: projection 100·4·4·1024; each BN 4 per channel (γ, β, running mean, variance);
  // each transposed conv k²·in·out without bias (BN follows), the last with a bias of 3.
  const k2 = 25;
  const expected = 100 * 16 * 1024 + 4 * (1024 + 512 + 256 + 128) + k2 * (1024 * 512 + 512 * 256 + 256 * 128) + k2 * 128 * 3 + 3;
  assert.equal(g.countParams(), expected);
  g.dispose();
});

test('discriminator imageSize=64,width=64,k=4 mirrors the generator: no BN on the input layer, LeakyReLU(0.2), one logit', () => {
  const d = deconv.dcgan.discriminator({ imageSize: 64, channels: 3, width: 64, kernelSize: 4, seed: 1 });
  assert.deepEqual(shapes(d), [
    'conv1:Conv2D:[32,32,64]',
    'lrelu1:LeakyReLU:[32,32,64]',
    'conv2:Conv2D:[16,16,128]',
    'bn2:BatchNormalization:[16,16,128]',
    'lrelu2:LeakyReLU:[16,16,128]',
    'conv3:Conv2D:[8,8,256]',
    'bn3:BatchNormalization:[8,8,256]',
    'lrelu3:LeakyReLU:[8,8,256]',
    'conv4:Conv2D:[4,4,512]',
    'bn4:BatchNormalization:[4,4,512]',
    'lrelu4:LeakyReLU:[4,4,512]',
    'flatten:Flatten:[8192]',
    'logit:Dense:[1]',
  ]);
  for (const l of d.layers.filter((x) => x.getClassName() === 'LeakyReLU')) assert.equal(l.getConfig().alpha, 0.2);
  const expected = 16 * 3 * 64 + 64 + 16 * (64 * 128 + 128 * 256 + 256 * 512) + 4 * (128 + 256 + 512) + 4 * 4 * 512 + 1;
  assert.equal(d.countParams(), expected);
  assert.equal(
    d.layers.some((l) => l.getClassName().includes('Pool')),
    false,
  );
  d.dispose();
});

test('generator imageSize=28,width=64 follows the TF tutorial layout 7x7x256 -> 7x7x128 (s1) -> 14x14x64 -> 28x28x1', () => {
  const g = deconv.dcgan.generator({ imageSize: 28, channels: 1, seed: 2 });
  const convs = g.layers.filter((l) => l.getClassName() === 'Conv2DTranspose');
  assert.deepEqual(
    convs.map((l) => [(l.outputShape as number[]).slice(1), l.getConfig().strides]),
    [
      [
        [7, 7, 128],
        [1, 1],
      ],
      [
        [14, 14, 64],
        [2, 2],
      ],
      [
        [28, 28, 1],
        [2, 2],
      ],
    ],
  );
  assert.deepEqual((g.layers[1].outputShape as number[]).slice(1), [7, 7, 256]);
  const d = deconv.dcgan.discriminator({ imageSize: 28, channels: 1, seed: 2 });
  assert.deepEqual(
    d.layers.filter((l) => l.getClassName() === 'Conv2D').map((l) => (l.outputShape as number[]).slice(1)),
    [
      [14, 14, 64],
      [7, 7, 128],
    ],
  );
  // No batch norm on G's output or D's input.
  assert.equal(g.layers[g.layers.length - 2].getClassName(), 'Conv2DTranspose');
  assert.equal(d.layers[1].getClassName(), 'LeakyReLU');
  g.dispose();
  d.dispose();
});

test('generator imageSize=32,channels=1,k=4 reaches 32x32x1 with tanh in [-1, 1]', () => {
  const g = deconv.dcgan.generator({ imageSize: 32, channels: 1, width: 8, kernelSize: 4, zDim: 10, seed: 3 });
  const out = g.predict(tf.randomNormal([2, 10], 0, 1, 'float32', 1)) as tf.Tensor;
  assert.deepEqual(out.shape, [2, 32, 32, 1]);
  assert.ok(out.max().dataSync()[0] <= 1 && out.min().dataSync()[0] >= -1);
  out.dispose();
  g.dispose();
});

test('weights start from N(0, 0.02), BN gammas from N(1, 0.02), biases and betas at 0; a seed reproduces them', () => {
  const g = deconv.dcgan.generator({ imageSize: 64, width: 32, seed: 5 });
  const again = deconv.dcgan.generator({ imageSize: 64, width: 32, seed: 5 });
  for (const w of g.weights) {
    const values = w.read();
    const { mean, variance } = tf.moments(values);
    const [m, s] = [mean.dataSync()[0], Math.sqrt(variance.dataSync()[0])];
    const name = w.originalName;
    if (name.endsWith('kernel') && values.size > 10000) {
      assert.ok(Math.abs(m) < 0.002 && Math.abs(s - 0.02) < 0.001, `${name}: mean ${m}, std ${s}`);
    } else if (name.endsWith('gamma') && values.size >= 256) {
      assert.ok(Math.abs(m - 1) < 0.004 && Math.abs(s - 0.02) < 0.004, `${name}: mean ${m}, std ${s}`);
    } else if (name.endsWith('beta') || name.endsWith('bias') || name.endsWith('moving_mean')) {
      assert.equal(tf.abs(values).max().dataSync()[0], 0, name);
    }
  }
  g.weights.forEach((w, i) => assert.deepEqual(w.read().dataSync(), again.weights[i].read().dataSync(), w.originalName));
  g.dispose();
  again.dispose();
});

test('bad options: imageSize=30, zDim=0, width=1.5, kernelSize=1 name the rule and the value', () => {
  assert.throws(() => deconv.dcgan.generator({ imageSize: 30 }), /imageSize must be 4·2\^n .* or 7·2\^n .*got 30/);
  assert.throws(() => deconv.dcgan.discriminator({ imageSize: 4 }), /imageSize must be 4·2\^n.*got 4/);
  assert.throws(() => deconv.dcgan.generator({ zDim: 0 }), /zDim must be a positive integer, got 0/);
  assert.throws(() => deconv.dcgan.generator({ width: 1.5 }), /width must be a positive integer, got 1.5/);
  assert.throws(() => deconv.dcgan.generator({ kernelSize: 1 }), /kernelSize must be an integer >= 2.*got 1/);
  assert.throws(() => deconv.dcgan.discriminator({ channels: -3 }), /channels must be a positive integer, got -3/);
});

test('save and load round trip through tfjs files keeps predictions (two models in one process)', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'dcgan-save-'));
  const g = deconv.dcgan.generator({ imageSize: 16, channels: 1, width: 4, zDim: 6, seed: 9 });
  await g.save(tf.io.fileSystem(dir));
  const loaded = await tf.loadLayersModel(tf.io.fileSystem(join(dir, 'model.json')));
  const z = tf.randomNormal([3, 6], 0, 1, 'float32', 2);
  const [a, b] = [g.predict(z) as tf.Tensor, loaded.predict(z) as tf.Tensor];
  assert.deepEqual(a.dataSync(), b.dataSync());
  tf.dispose([a, b, z]);
  g.dispose();
  loaded.dispose();
});
