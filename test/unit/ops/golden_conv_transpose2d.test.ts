// Golden values for the PyTorch convention: TensorFlow 2.21's conv2d gradient per group, cropped as
// PyTorch defines it and cross-checked by a numpy scatter (recipe in test/golden/make_conv_transpose_golden.py).
import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { type GoldenTensor, loadGolden } from './golden';

interface TorchCase {
  name: string;
  input: GoldenTensor;
  weight: GoldenTensor;
  bias: GoldenTensor | null;
  stride: [number, number];
  padding: [number, number];
  outputPadding: [number, number];
  dilation: [number, number];
  groups: number;
  expected: GoldenTensor;
}

const cases = loadGolden<TorchCase>('conv_transpose2d_torch.json');

test('golden fixture covers groups, bias, output padding and dilation', () => {
  assert.ok(cases.length >= 30);
  for (const part of ['groups=2', 'groups=3', 'bias=yes', 'op=1', 'd=2'])
    assert.ok(
      cases.some((c) => c.name.includes(part)),
      part,
    );
});

for (const c of cases) {
  test(`convTranspose2d matches the PyTorch definition: ${c.name}`, () => {
    const before = tf.memory().numTensors;
    const input = tf.tensor4d(c.input.data, c.input.shape as [number, number, number, number]);
    const weight = tf.tensor4d(c.weight.data, c.weight.shape as [number, number, number, number]);
    const bias = c.bias === null ? null : tf.tensor1d(c.bias.data);
    const y = deconv.convTranspose2d(input, weight, {
      stride: c.stride,
      padding: c.padding,
      outputPadding: c.outputPadding,
      dilation: c.dilation,
      groups: c.groups,
      bias,
    });
    assert.deepEqual(y.shape, c.expected.shape);
    expectArraysClose(y.dataSync(), c.expected.data, 1e-4);
    tf.dispose([input, weight, y, ...(bias ? [bias] : [])]);
    assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  });
}
