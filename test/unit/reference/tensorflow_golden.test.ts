// Golden values from an independent implementation: TensorFlow's own kernels through tfjs-node
// (tf.conv2d = Conv2D, tf.conv2dTranspose = Conv2DBackpropInput), not deconvlab's ops.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { seededRandom } from '../util/seeded_random';
import { maxAbsDiff } from './random_transpose_case';

type Pair = [number, number];

test('convolutionMatrix(C) times x equals tf.conv2d on 100 seeded configs (k 1-5, s 1-3 or d 1-2, explicit padding)', () => {
  const rng = seededRandom(1603);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 100; i++) {
    const k: Pair = [rng.int(1, 5), rng.int(1, 5)];
    const dilated = rng.next() < 0.3; // TF allows dilation only with stride 1
    const stride: Pair = dilated ? [1, 1] : [rng.int(1, 3), rng.int(1, 3)];
    const dilation: Pair = dilated ? [rng.int(1, 2), rng.int(1, 2)] : [1, 1];
    const padding: [Pair, Pair] = [
      [rng.int(0, 2), rng.int(0, 2)],
      [rng.int(0, 2), rng.int(0, 2)],
    ];
    const eff = [0, 1].map((d) => dilation[d] * (k[d] - 1) + 1);
    const size: Pair = [rng.int(1, 6), rng.int(1, 6)];
    if (size[0] + padding[0][0] + padding[0][1] < eff[0] || size[1] + padding[1][0] + padding[1][1] < eff[1]) continue;
    const [inC, outC] = [rng.int(1, 3), rng.int(1, 3)];
    const x = rng.values(size[0] * size[1] * inC);
    const f = deconv.reference.plainTensor([k[0], k[1], inC, outC], rng.values(k[0] * k[1] * inC * outC));
    const C = deconv.reference.convolutionMatrix([size[0], size[1], inC], f, { stride, padding, dilation });
    const [rows, cols] = C.shape;
    const cx = Array.from({ length: rows }, (_, r) => x.reduce((s, v, j) => s + C.data[r * cols + j] * v, 0));
    const expected = tf.tidy(() => {
      const padded = tf.pad(tf.tensor4d(x, [1, size[0], size[1], inC]), [[0, 0], padding[0], padding[1], [0, 0]]);
      return tf.conv2d(padded, tf.tensor4d(f.data, f.shape as [number, number, number, number]), stride, 'valid', 'NHWC', dilation);
    });
    const name = `input=${size.join('x')}x${inC},f=${f.shape.join('x')},s=${stride.join('x')},p=${JSON.stringify(padding)},d=${dilation.join('x')}`;
    assert.equal(rows, expected.size, `rows of C vs conv2d output size, ${name}`);
    assert.ok(maxAbsDiff(cx, expected.dataSync()) <= 1e-4, `C·x differs from tf.conv2d, ${name}`);
    expected.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test('scatter, zeroInsertion and matrix equal tf.conv2dTranspose (SAME and VALID, every accepted output size) on 100 seeded configs', () => {
  const rng = seededRandom(2161);
  for (let i = 0; i < 100; i++) {
    const k: Pair = [rng.int(1, 5), rng.int(1, 5)];
    const s: Pair = [rng.int(1, 3), rng.int(1, 3)];
    const inSize: Pair = [rng.int(1, 4), rng.int(1, 4)];
    const mode = rng.pick(['same', 'valid'] as const);
    // TF accepts output sizes whose forward convolution gives back the input size.
    const outSize = [0, 1].map((d) =>
      mode === 'same' ? s[d] * (inSize[d] - 1) + rng.int(1, s[d]) : s[d] * (inSize[d] - 1) + k[d] + rng.int(0, s[d] - 1),
    ) as Pair;
    // TF's forward padding for that output size; the remainder is the output padding a.
    const total = [0, 1].map((d) => (mode === 'same' ? Math.max((inSize[d] - 1) * s[d] + k[d] - outSize[d], 0) : 0));
    const padding = total.map((t) => [Math.floor(t / 2), t - Math.floor(t / 2)]) as [Pair, Pair];
    const outputPadding = [0, 1].map((d) => outSize[d] - (s[d] * (inSize[d] - 1) + k[d] - total[d])) as Pair;
    const [batch, inC, outC] = [rng.int(1, 2), rng.int(1, 3), rng.int(1, 3)];
    const x = deconv.reference.plainTensor([batch, inSize[0], inSize[1], inC], rng.values(batch * inSize[0] * inSize[1] * inC));
    const f = deconv.reference.plainTensor([k[0], k[1], outC, inC], rng.values(k[0] * k[1] * outC * inC));
    const expected = tf.tidy(() =>
      tf.conv2dTranspose(
        tf.tensor4d(x.data, x.shape as [number, number, number, number]),
        tf.tensor4d(f.data, f.shape as [number, number, number, number]),
        [batch, outSize[0], outSize[1], outC],
        s,
        mode,
      ),
    );
    const golden = expected.dataSync();
    const name = `input=${x.shape.join('x')},f=${f.shape.join('x')},s=${s.join('x')},p=${mode},output=${outSize.join('x')}`;
    for (const [label, fn] of Object.entries({
      scatter: deconv.reference.scatter,
      zeroInsertion: deconv.reference.zeroInsertion,
      matrix: deconv.reference.matrix,
    })) {
      const got = fn(x, f, { stride: s, padding, outputPadding });
      assert.deepEqual(got.shape, expected.shape, `${label} shape, ${name}`);
      assert.ok(
        maxAbsDiff(got.data, golden) <= 1e-4,
        `${label} differs from tf.conv2dTranspose by ${maxAbsDiff(got.data, golden)}, ${name}`,
      );
    }
    expected.dispose();
  }
});
