// Golden values from TensorFlow 2.21 in Python (tf.nn.conv2d_transpose, or the gradient of a dilated
// tf.nn.conv2d): recipe in test/golden/make_conv_transpose_golden.py.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { type GoldenTensor, loadGolden } from './golden';

interface TfCase {
  name: string;
  value: GoldenTensor;
  filter: GoldenTensor;
  outputShape: number[];
  strides: number[];
  padding: deconv.TfPadding | [[number, number], [number, number]];
  dataFormat: deconv.DataFormat;
  dilations: number[];
  expected: GoldenTensor;
}

const cases = loadGolden<TfCase>('conv2d_transpose_tf.json');

test('golden fixture covers SAME, VALID, explicit, NCHW and dilation 2', () => {
  assert.ok(cases.length >= 40);
  for (const mode of ['p=same', 'p=valid', 'p=[[', 'NCHW', 'd=2'])
    assert.ok(
      cases.some((c) => c.name.includes(mode)),
      mode,
    );
});

for (const c of cases) {
  test(`conv2dTranspose matches TF: ${c.name}`, () => {
    const before = tf.memory().numTensors;
    const value = tf.tensor4d(c.value.data, c.value.shape as [number, number, number, number]);
    const filter = tf.tensor4d(c.filter.data, c.filter.shape as [number, number, number, number]);
    const y = deconv.conv2dTranspose(value, filter, c.outputShape, c.strides, c.padding as deconv.TfPadding, c.dataFormat, c.dilations);
    assert.deepEqual(y.shape, c.expected.shape);
    expectArraysClose(y.dataSync(), c.expected.data, 1e-4);
    tf.dispose([value, filter, y]);
    assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  });
}
