import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { loadGolden } from '../../ops/golden';
import { expectArraysClose } from '../../util/expect_arrays_close';

const { fitLinearSvm } = deconv.experiments;

// Written by test/golden/make_svm_golden.py: sklearn LinearSVC (squared hinge, one-vs-rest, tol 1e-8).
interface SvmCase {
  name: string;
  C: number;
  classes: number;
  train_x: number[][];
  train_y: number[];
  test_x: number[][];
  test_y: number[];
  coef: number[][];
  intercept: number[];
  predictions: number[];
  accuracy: number;
}

for (const c of loadGolden<SvmCase>('linear_svm_sklearn.json')) {
  test(`fitLinearSvm ${c.name}: the weights, bias, predictions and accuracy of sklearn's LinearSVC`, () => {
    const before = tf.memory().numTensors;
    const trainX = tf.tensor2d(c.train_x);
    const svm = fitLinearSvm(trainX, c.train_y, { C: c.C, classes: c.classes, tolerance: 1e-8, maxIterations: 100000 });
    svm.weights.forEach((w, k) => expectArraysClose(w, [...c.coef[k], c.intercept[k]], 1e-5));
    const testX = tf.tensor2d(c.test_x);
    assert.deepEqual(svm.predict(testX), c.predictions);
    assert.equal(svm.accuracy(testX, c.test_y), c.accuracy);
    tf.dispose([trainX, testX]);
    assert.equal(tf.memory().numTensors, before);
  });
}

test('fitLinearSvm: bad C, labels and feature sizes give readable errors', () => {
  const x = tf.tensor2d([
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
  assert.throws(() => fitLinearSvm(x, [0, 1, 1], { C: 0 }), /C must be a finite number > 0, got 0/);
  assert.throws(() => fitLinearSvm(x, [0, 1]), /2 labels for 3 examples/);
  assert.throws(() => fitLinearSvm(x, [0, 0, 0]), /classes must be an integer >= 2, got 1/);
  const svm = fitLinearSvm(x, [0, 1, 1]);
  assert.throws(() => svm.predict(tf.zeros([2, 3]) as tf.Tensor2D), /expected features \[N, 2\], got \[2, 3\]/);
  x.dispose();
});
