import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

/** Runs `fn` on a tensor and checks that summarising created no tensors. */
function summarise(t: tf.Tensor, options?: deconv.SummaryOptions): string {
  const before = tf.memory().numTensors;
  const text = deconv.summary(t, options);
  assert.equal(tf.memory().numTensors, before, 'summary leaked tensors');
  return text;
}

test('float32 [2,3]: dtype, shape, min/max/mean and all values', () => {
  const t = tf.tensor2d([
    [1, -2, 3],
    [4, 5.5, -6],
  ]);
  assert.equal(summarise(t), 'Tensor float32 [2, 3] min -6 max 5.5 mean 0.9167\n[[1, -2, 3],\n [4, 5.5, -6]]');
  t.dispose();
});

test('float32 [28,28]: the preview elides the middle rows and columns to at most 8 lines', () => {
  const t = tf.tidy(() => tf.range(0, 784).reshape([28, 28]));
  const text = summarise(t);
  const lines = text.split('\n');
  assert.equal(lines[0], 'Tensor float32 [28, 28] min 0 max 783 mean 391.5');
  assert.equal(lines[1], '[[0, 1, 2, …, 25, 26, 27],');
  assert.equal(lines[4], ' …,');
  assert.equal(lines[7], ' [756, 757, 758, …, 781, 782, 783]]');
  assert.equal(lines.length, 8);
  t.dispose();
});

test('rank 4 [64,8,8,3]: preview capped by maxLines with a final ellipsis', () => {
  const t = tf.zeros([64, 8, 8, 3]);
  const lines = summarise(t, { maxLines: 4 }).split('\n');
  assert.equal(lines[0], 'Tensor float32 [64, 8, 8, 3] min 0 max 0 mean 0');
  assert.equal(lines.length, 5);
  assert.equal(lines[4], ' …');
  t.dispose();
});

test('NaN values are counted apart from min/max/mean', () => {
  const t = tf.tensor1d([1, NaN, 3, NaN]);
  assert.equal(summarise(t), 'Tensor float32 [4] min 1 max 3 mean 2 NaN 2 of 4\n[1, NaN, 3, NaN]');
  t.dispose();
  const all = tf.tensor1d([NaN, NaN]);
  assert.equal(summarise(all), 'Tensor float32 [2] NaN 2 of 2\n[NaN, NaN]');
  all.dispose();
});

test('empty, scalar and disposed tensors', () => {
  const empty = tf.zeros([0, 3]);
  assert.equal(summarise(empty), 'Tensor float32 [0, 3] (empty)');
  empty.dispose();
  const scalar = tf.scalar(3.25);
  assert.equal(summarise(scalar), 'Tensor float32 []\n3.25');
  scalar.dispose();
  assert.equal(deconv.summary(scalar), 'Tensor float32 [] (disposed)');
});

test('int32, bool, string and complex64 dtypes', () => {
  const ints = tf.tensor1d([3, -1, 7], 'int32');
  assert.equal(summarise(ints), 'Tensor int32 [3] min -1 max 7 mean 3\n[3, -1, 7]');
  const bools = tf.tensor1d([true, false, true], 'bool');
  assert.equal(summarise(bools), 'Tensor bool [3] true 2 of 3\n[true, false, true]');
  const strings = tf.tensor1d(['conv', 'a very long string that is cut short']);
  assert.equal(summarise(strings), 'Tensor string [2]\n["conv", "a very long string t…"]');
  const complex = tf.complex([1, 2], [3, -4]);
  assert.equal(summarise(complex), 'Tensor complex64 [2]\n[1+3j, 2-4j]');
  tf.dispose([ints, bools, strings, complex]);
});
