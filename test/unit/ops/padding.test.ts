import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { seededRandom } from '../util/seeded_random';

test('k=5,s=2, 4->8: TF SAME pads 1 before, 2 after; PyTorch padding 2, outputPadding 1 is TF explicit [2, 1]', () => {
  const sizes = { inputSize: [4, 4] as [number, number], outputSize: [8, 8] as [number, number], kernelSize: 5, strides: 2 };
  assert.deepEqual(deconv.resolveTfPadding('SAME', sizes), [
    [1, 2],
    [1, 2],
  ]);
  assert.deepEqual(deconv.torchToTfPadding(2, 1), [
    [0, 0],
    [2, 1],
    [2, 1],
    [0, 0],
  ]);
  assert.deepEqual(deconv.torchToTfPadding([2, 1], [1, 0], 'NCHW'), [
    [0, 0],
    [0, 0],
    [2, 1],
    [1, 1],
  ]);
  assert.deepEqual(
    deconv.tfToTorchPadding(
      [
        [0, 0],
        [2, 1],
        [2, 1],
        [0, 0],
      ],
      sizes,
    ),
    { padding: [2, 2], outputPadding: [1, 1] },
  );
  assert.throws(
    () => deconv.tfToTorchPadding('SAME', sizes),
    /no PyTorch padding equals TF padding 'SAME' on the height axis: TF crops 1 before and 2 after.*drop the last 1 row/,
  );
});

test('k=4,s=2,p=1 agrees in both conventions: TF SAME <-> PyTorch padding 1, outputPadding 0', () => {
  const sizes = { inputSize: [4, 4] as [number, number], outputSize: [8, 8] as [number, number], kernelSize: 4, strides: 2 };
  assert.deepEqual(deconv.tfToTorchPadding('SAME', sizes), { padding: [1, 1], outputPadding: [0, 0] });
  assert.deepEqual(deconv.tfToTorchPadding('valid', { ...sizes, outputSize: [11, 10] }), { padding: [0, 0], outputPadding: [1, 0] });
});

test('torchToTfPadding is exact: convTranspose2d equals conv2dTranspose with the converted padding on 40 seeded configs', () => {
  const rng = seededRandom(99);
  const before = tf.memory().numTensors;
  let checked = 0;
  for (let n = 0; n < 40; n++) {
    const [k, s, d, i] = [rng.int(1, 5), rng.int(1, 3), rng.int(1, 2), rng.int(1, 4)];
    const op = rng.int(0, Math.max(s, d) - 1);
    const p = rng.int(op, op + 2); // TF needs p >= outputPadding
    const full = (i - 1) * s + d * (k - 1) + 1;
    const o = full - 2 * p + op;
    if (o < 1) continue;
    const name = `i=${i},k=${k},s=${s},p=${p},op=${op},d=${d}`;
    tf.tidy(() => {
      const x = tf.tensor4d(rng.values(2 * i * i), [1, 2, i, i]);
      const w = tf.tensor4d(rng.values(2 * 3 * k * k), [2, 3, k, k]);
      const torch = deconv.convTranspose2d(x, w, { stride: s, padding: p, outputPadding: op, dilation: d });
      const tfPad = deconv.torchToTfPadding(p, op, 'NCHW');
      const viaTf = deconv.conv2dTranspose(x, deconv.fromTorchWeight(w), [1, 3, o, o], s, tfPad, 'NCHW', d);
      assert.deepEqual(viaTf.shape, torch.shape, name);
      expectArraysClose(viaTf.dataSync(), torch.dataSync(), 1e-5);
      const back = deconv.tfToTorchPadding(tfPad, {
        inputSize: [i, i],
        outputSize: [o, o],
        kernelSize: k,
        strides: s,
        dilations: d,
        dataFormat: 'NCHW',
      });
      assert.deepEqual(back, { padding: [p, p], outputPadding: [op, op] }, name);
    });
    checked++;
  }
  assert.ok(checked >= 25, `only ${checked} configs checked`);
  assert.equal(tf.memory().numTensors, before);
});

test('torchToTfPadding rejects outputPadding > padding (TF paddings cannot be negative), naming the workaround', () => {
  assert.throws(
    () => deconv.torchToTfPadding(0, 1),
    /no TF explicit padding equals PyTorch padding 0, outputPadding 1 on the height axis.*use convTranspose2d/,
  );
});

test('tfToTorchPadding rejects an output padding PyTorch forbids: TF explicit [2, 0] with stride 2', () => {
  assert.throws(
    () =>
      deconv.tfToTorchPadding(
        [
          [0, 0],
          [2, 0],
          [0, 0],
          [0, 0],
        ],
        { inputSize: [3, 3], outputSize: [5, 7], kernelSize: 3, strides: 2 },
      ),
    /no PyTorch padding equals TF padding .* on the height axis: it would need padding 2, outputPadding 2, and PyTorch requires outputPadding < max\(stride, dilation\) = 2/,
  );
});

test('normalizeTfPadding: modes, NHWC and NCHW explicit orders, and errors', () => {
  assert.equal(deconv.normalizeTfPadding('same'), 'SAME');
  assert.equal(deconv.normalizeTfPadding('VALID', 'NCHW'), 'VALID');
  assert.deepEqual(
    deconv.normalizeTfPadding([
      [0, 0],
      [1, 2],
      [3, 4],
      [0, 0],
    ]),
    [
      [1, 2],
      [3, 4],
    ],
  );
  assert.deepEqual(
    deconv.normalizeTfPadding(
      [
        [0, 0],
        [0, 0],
        [1, 2],
        [3, 4],
      ],
      'NCHW',
    ),
    [
      [1, 2],
      [3, 4],
    ],
  );
  assert.throws(
    () =>
      deconv.normalizeTfPadding(
        [
          [0, 0],
          [1, 2],
          [3, 4],
          [0, 0],
        ],
        'NCHW',
      ),
    /explicit padding must be \[0, 0\] for the batch and channel dimensions, got \[1, 2\] at index 1.*\[\[0, 0\], \[0, 0\], \[top, bottom\], \[left, right\]\]/,
  );
  assert.throws(() => deconv.normalizeTfPadding(1), /padding must be 'SAME', 'VALID' or explicit/);
  assert.throws(
    () => deconv.resolveTfPadding('SAME', { inputSize: [4, 4], outputSize: [9, 8], kernelSize: 3, strides: 2 }),
    /outputSize\[0\]=9 is not reachable from input height 4 .*valid heights are 7, 8/,
  );
});
