import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { seededRandom } from '../util/seeded_random';

/** Runs `fn`, disposes what it returns and asserts no tensor outlived it. */
function noLeak(fn: () => tf.Tensor | tf.Tensor[] | void): void {
  const before = tf.memory().numTensors;
  const out = fn();
  if (out) tf.dispose(out);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
}

const F3 = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3, 1, 1]);

// Expected values by hand: the scatter out[s·i + a − p][s·j + b − p] += x[i][j]·f[a][b].
test('article case input=2x2x1,f=3x3,s=1,full padding (VALID) -> 4x4', () =>
  noLeak(() => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const y = deconv.conv2dTranspose(x, F3, [1, 4, 4, 1], 1, 'VALID');
    assert.deepEqual(y.shape, [1, 4, 4, 1]);
    expectArraysClose(y.dataSync(), [1, 4, 7, 6, 7, 23, 33, 24, 19, 53, 63, 42, 21, 52, 59, 36]);
    return [x, y];
  }));

test('article case input=3x3x1,f=3x3,s=2,p=same (padding 1) -> 5x5, equal to PyTorch padding=1', () =>
  noLeak(() => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const y = deconv.conv2dTranspose(x, F3, [1, 5, 5, 1], 2, 'SAME');
    assert.deepEqual(y.shape, [1, 5, 5, 1]);
    const expected = [5, 14, 10, 24, 15, 16, 40, 26, 60, 36, 20, 44, 25, 54, 30, 46, 100, 56, 120, 66, 35, 74, 40, 84, 45];
    expectArraysClose(y.dataSync(), expected);
    const [xNchw, weight] = [tf.reshape(x, [1, 1, 3, 3]) as tf.Tensor4D, deconv.toTorchWeight(F3)];
    const torch = deconv.convTranspose2d(xNchw, weight, { stride: 2, padding: 1 });
    expectArraysClose(torch.dataSync(), expected);
    return [x, y, xNchw, weight, torch];
  }));

test('plain NHWC SAME/VALID case is exactly a bare tf.conv2dTranspose call', () =>
  noLeak(() => {
    const rng = seededRandom(7);
    const x = tf.tensor4d(rng.values(2 * 4 * 4 * 8), [2, 4, 4, 8]);
    const f = tf.tensor4d(rng.values(5 * 5 * 4 * 8), [5, 5, 4, 8]);
    const ours = deconv.conv2dTranspose(x, f, [2, 8, 8, 4], [1, 2, 2, 1], 'SAME');
    const bare = tf.conv2dTranspose(x, f, [2, 8, 8, 4], 2, 'same');
    expectArraysClose(ours.dataSync(), bare.dataSync(), 0);
    return [x, f, ours, bare];
  }));

test('input=3x3x1 rank 3 (no batch), f=3x3, s=2, p=same and NCHW give the rank-4 NHWC values', () =>
  noLeak(() => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3, 1]);
    const [x4, xChw] = [tf.expandDims(x, 0) as tf.Tensor4D, tf.reshape(x, [1, 3, 3]) as tf.Tensor3D];
    const nhwc = deconv.conv2dTranspose(x4, F3, [1, 5, 5, 1], 2);
    const rank3 = deconv.conv2dTranspose(x, F3, [5, 5, 1], 2);
    assert.deepEqual(rank3.shape, [5, 5, 1]);
    expectArraysClose(rank3.dataSync(), nhwc.dataSync(), 0);
    const nchw3 = deconv.conv2dTranspose(xChw, F3, [1, 5, 5], [1, 1, 2, 2], 'SAME', 'NCHW');
    assert.deepEqual(nchw3.shape, [1, 5, 5]);
    expectArraysClose(nchw3.dataSync(), nhwc.dataSync(), 0);
    return [x, x4, xChw, nhwc, rank3, nchw3];
  }));

test('outputShape given as [height, width] only, and nested arrays as value and filter', () =>
  noLeak(() => {
    const y = deconv.conv2dTranspose(
      [
        [
          [[1], [2]],
          [[3], [4]],
        ],
      ],
      F3.arraySync(),
      [4, 4],
      1,
      'valid',
    );
    assert.deepEqual(y.shape, [1, 4, 4, 1]);
    expectArraysClose(y.dataSync(), [1, 4, 7, 6, 7, 23, 33, 24, 19, 53, 63, 42, 21, 52, 59, 36]);
    return y;
  }));

test('explicit padding equal to SAME padding gives the SAME result; k=5,s=2 SAME pads 1 before, 2 after', () =>
  noLeak(() => {
    const rng = seededRandom(11);
    const x = tf.tensor4d(rng.values(4 * 4 * 2), [1, 4, 4, 2]);
    const f = tf.tensor4d(rng.values(5 * 5 * 3 * 2), [5, 5, 3, 2]);
    const same = deconv.conv2dTranspose(x, f, [1, 8, 8, 3], 2, 'SAME');
    const explicit = deconv.conv2dTranspose(x, f, [1, 8, 8, 3], 2, [
      [0, 0],
      [1, 2],
      [1, 2],
      [0, 0],
    ]);
    expectArraysClose(explicit.dataSync(), same.dataSync(), 1e-5);
    const shifted = deconv.conv2dTranspose(x, f, [1, 8, 8, 3], 2, [
      [0, 0],
      [2, 1],
      [2, 1],
      [0, 0],
    ]);
    const gap = tf.tidy(() => tf.sub(shifted, same).abs().max().dataSync()[0]);
    assert.ok(gap > 1e-3, 'padding 2/1 is a different alignment');
    return [x, f, same, explicit, shifted];
  }));

/** Linear loss sum(y ⊙ w) of the op and its finite-difference gradient (exact up to rounding: the op is linear). */
function finiteDifference(loss: (v: tf.Tensor, f: tf.Tensor) => number, v: tf.Tensor, f: tf.Tensor, which: 0 | 1): number[] {
  const base = (which === 0 ? v : f).dataSync().slice();
  const shape = (which === 0 ? v : f).shape;
  const eps = 0.5;
  return Array.from(base, (_, i) => {
    const at = (delta: number): number => {
      const data = base.slice();
      data[i] += delta;
      const t = tf.tensor(data, shape);
      const l = which === 0 ? loss(t, f) : loss(v, t);
      t.dispose();
      return l;
    };
    return (at(eps) - at(-eps)) / (2 * eps);
  });
}

const gradCases: Array<{
  name: string;
  value: number[];
  filter: number[];
  out: number[];
  s: number[];
  p: deconv.TfPadding;
  fmt: deconv.DataFormat;
  d: number;
}> = [
  {
    name: 'value=1x3x3x2,f=3x3x2x2,s=2,p=same,NHWC',
    value: [1, 3, 3, 2],
    filter: [3, 3, 2, 2],
    out: [1, 5, 6, 2],
    s: [2, 2],
    p: 'SAME',
    fmt: 'NHWC',
    d: 1,
  },
  {
    name: 'value=1x2x3x3,f=3x2x2x2,s=2,p=explicit,NCHW',
    value: [1, 2, 3, 3],
    filter: [3, 2, 2, 2],
    out: [1, 2, 6, 5],
    s: [2, 2],
    p: [
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 1],
    ],
    fmt: 'NCHW',
    d: 1,
  },
  {
    name: 'value=1x3x3x1,f=2x2x2x1,s=1,p=valid,d=2',
    value: [1, 3, 3, 1],
    filter: [2, 2, 2, 1],
    out: [1, 5, 5, 2],
    s: [1, 1],
    p: 'VALID',
    fmt: 'NHWC',
    d: 2,
  },
];

for (const c of gradCases) {
  test(`tf.grad w.r.t. value and filter matches finite differences: ${c.name}`, () => {
    const rng = seededRandom(3);
    const v = tf.tensor(rng.values(c.value.reduce((a, b) => a * b)), c.value);
    const f = tf.tensor(rng.values(c.filter.reduce((a, b) => a * b)), c.filter);
    const w = tf.tensor(rng.values(c.out.reduce((a, b) => a * b)), c.out);
    const op = (vv: tf.Tensor, ff: tf.Tensor): tf.Tensor =>
      deconv.conv2dTranspose(vv as tf.Tensor4D, ff as tf.Tensor4D, c.out, c.s, c.p, c.fmt, c.d);
    const loss = (vv: tf.Tensor, ff: tf.Tensor): number => tf.tidy(() => tf.sum(tf.mul(op(vv, ff), w)).dataSync()[0]);
    const before = tf.memory().numTensors;
    const [gv, gf] = tf.grads((vv: tf.Tensor, ff: tf.Tensor) => tf.sum(tf.mul(op(vv, ff), w)))([v, f]);
    assert.deepEqual(gv.shape, v.shape);
    assert.deepEqual(gf.shape, f.shape);
    expectArraysClose(gv.dataSync(), finiteDifference(loss, v, f, 0), 1e-3);
    expectArraysClose(gf.dataSync(), finiteDifference(loss, v, f, 1), 1e-3);
    tf.dispose([gv, gf]);
    assert.equal(tf.memory().numTensors, before, 'tensors leaked');
    tf.dispose([v, f, w]);
  });
}

test('trains inside an optimizer: SGD on the filter through NCHW, explicit padding and dilation lowers the loss', () => {
  const rng = seededRandom(5);
  const x = tf.tensor4d(rng.values(2 * 3 * 3 * 2), [2, 2, 3, 3]);
  const target = tf.tensor4d(rng.values(2 * 2 * 7 * 7), [2, 2, 7, 7]);
  const filter = tf.variable(tf.tensor4d(rng.values(3 * 3 * 2 * 2), [3, 3, 2, 2]));
  const lossFn = (): tf.Scalar =>
    tf.losses.meanSquaredError(
      target,
      deconv.conv2dTranspose(
        x,
        filter,
        [2, 2, 7, 7],
        2,
        [
          [0, 0],
          [0, 0],
          [1, 1],
          [1, 1],
        ],
        'NCHW',
        2,
      ),
    );
  const optimizer = tf.train.sgd(0.1);
  const first = tf.tidy(() => lossFn().dataSync()[0]);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 20; i++) tf.dispose(optimizer.minimize(lossFn, true) ?? []);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  const last = tf.tidy(() => lossFn().dataSync()[0]);
  assert.ok(last < first * 0.9, `loss ${first} -> ${last}`);
  const { grads } = tf.variableGrads(lossFn, [filter]);
  assert.deepEqual(grads[filter.name].shape, [3, 3, 2, 2]);
  tf.dispose([x, target, filter, grads[filter.name]]);
  optimizer.dispose();
});

const x44 = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
const f32 = tf.zeros([3, 3, 5, 2]) as tf.Tensor4D;
const bad: Array<[string, () => unknown, RegExp]> = [
  [
    'unreachable outputShape',
    () => deconv.conv2dTranspose(x44, f32, [1, 9, 8, 5], 2, 'SAME'),
    /outputShape\[1\]=9 is not reachable from input height 4 with stride 2, kernel 3, padding SAME: valid heights are 7, 8/,
  ],
  [
    'unreachable width, VALID',
    () => deconv.conv2dTranspose(x44, f32, [1, 9, 8, 5], 2, 'VALID'),
    /outputShape\[2\]=8 is not reachable from input width 4 with stride 2, kernel 3, padding VALID: valid widths are 9, 10/,
  ],
  [
    'batch mismatch',
    () => deconv.conv2dTranspose(x44, f32, [2, 8, 8, 5], 2),
    /outputShape\[0\]=2 must equal the batch size of value \(1\)/,
  ],
  [
    'out channels mismatch',
    () => deconv.conv2dTranspose(x44, f32, [1, 8, 8, 4], 2),
    /outputShape\[3\]=4 must equal the filter's outChannels, filter.shape\[2\] = 5/,
  ],
  [
    'filter in the article order',
    () => deconv.conv2dTranspose(x44, tf.zeros([3, 3, 2, 5]) as tf.Tensor4D, [1, 8, 8, 5], 2),
    /value has 2 input channels but filter.shape\[3\] is 5.*tf.transpose\(filter, \[0, 1, 3, 2\]\)/,
  ],
  ['non-integer size', () => deconv.conv2dTranspose(x44, f32, [1, 8, 7.5, 5], 2), /outputShape\[2\] must be a positive integer, got 7.5/],
  ['non-positive size', () => deconv.conv2dTranspose(x44, f32, [1, 0, 8, 5], 2), /outputShape\[1\] must be a positive integer, got 0/],
  [
    'value rank 2',
    () => deconv.conv2dTranspose(tf.zeros([4, 4]) as unknown as tf.Tensor4D, f32, [1, 8, 8, 5], 2),
    /value must be rank 4 \[batch, height, width, inChannels\] \(NHWC\) or rank 3/,
  ],
  [
    'filter rank 3',
    () => deconv.conv2dTranspose(x44, tf.zeros([3, 3, 2]) as unknown as tf.Tensor4D, [1, 8, 8, 5], 2),
    /filter must be rank 4 \[height, width, outChannels, inChannels\]/,
  ],
  ['outputShape of length 3 for rank 4', () => deconv.conv2dTranspose(x44, f32, [8, 8, 5], 2), /outputShape must list 4 sizes/],
  ['NaN stride', () => deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], NaN), /strides must be a positive integer, got NaN/],
  [
    'strides of length 3',
    () => deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], [2, 2, 2]),
    /strides must be an int or a list of 1, 2 or 4 ints, got \[2, 2, 2\]/,
  ],
  [
    'batch stride',
    () => deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], [2, 2, 2, 1]),
    /strides for the batch and channel dimensions must be 1/,
  ],
  [
    'zero dilation',
    () => deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], 2, 'SAME', 'NHWC', 0),
    /dilations must be a positive integer, got 0/,
  ],
  [
    'unknown padding',
    () => deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], 2, 'FULL' as deconv.TfPadding),
    /padding must be 'SAME', 'VALID' or explicit/,
  ],
  [
    'explicit padding on channels',
    () =>
      deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], 2, [
        [0, 0],
        [1, 1],
        [1, 1],
        [1, 0],
      ]),
    /explicit padding must be \[0, 0\] for the batch and channel dimensions/,
  ],
  [
    'negative explicit padding',
    () =>
      deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], 2, [
        [0, 0],
        [-1, 1],
        [1, 1],
        [0, 0],
      ]),
    /padding height before must be a non-negative integer, got -1/,
  ],
  [
    'unknown data format',
    () => deconv.conv2dTranspose(x44, f32, [1, 8, 8, 5], 2, 'SAME', 'NWHC' as deconv.DataFormat),
    /dataFormat must be 'NHWC' or 'NCHW', got 'NWHC'/,
  ],
  [
    'int32 value',
    () => deconv.conv2dTranspose(tf.zeros([1, 4, 4, 2], 'int32') as tf.Tensor4D, f32, [1, 8, 8, 5], 2),
    /value must be float32, got int32/,
  ],
];

for (const [name, fn, message] of bad) {
  test(`conv2dTranspose rejects ${name} before any tensor work`, () => {
    const before = tf.memory().numTensors;
    assert.throws(fn, message);
    // The rank/dtype cases allocate their own bad input above; everything else must allocate nothing.
    assert.ok(tf.memory().numTensors - before <= 1);
  });
}
