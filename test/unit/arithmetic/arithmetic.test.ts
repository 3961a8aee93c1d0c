import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

/** Height of a real tf.conv2d output: an effective-size kernel (a dilated kernel's footprint), explicit padding by tf.pad. */
function tfConvHeight(o: number, kEff: number, s: number, padding: deconv.AxisPadding): number {
  if (padding !== 'SAME' && padding !== 'VALID' && o + (padding as [number, number])[0] + (padding as [number, number])[1] < kEff) return 0;
  if (padding === 'VALID' && o < kEff) return 0;
  return tf.tidy(() => {
    const x = tf.zeros([1, o, 1, 1]) as tf.Tensor4D;
    const f = tf.zeros([kEff, 1, 1, 1]) as tf.Tensor4D;
    if (typeof padding === 'string') return tf.conv2d(x, f, [s, 1], padding === 'SAME' ? 'same' : 'valid').shape[1];
    const p = padding as [number, number];
    return tf.conv2d(tf.pad(x, [[0, 0], p, [0, 0], [0, 0]]), f, [s, 1], 'valid').shape[1];
  });
}

test('validTransposeOutputSizes by round trip: exactly the sizes whose convolution (arithmetic and a real tf.conv2d) gives back i', () => {
  const before = tf.memory().numTensors;
  const paddings: deconv.AxisPadding[] = ['SAME', 'VALID', [0, 1], [2, 1]];
  let sizesChecked = 0;
  for (let i = 1; i <= 4; i++) {
    for (let k = 1; k <= 5; k++) {
      for (let s = 1; s <= 3; s++) {
        for (let d = 1; d <= 2; d++) {
          for (const padding of paddings) {
            const valid = deconv.validTransposeOutputSizes(i, k, s, padding, d);
            const kEff = deconv.effectiveKernelSize(k, d);
            const name = `i=${i},k=${k},s=${s},d=${d},p=${deconv.paddingLabel(padding)}`;
            if (padding === 'SAME' || padding === 'VALID') assert.equal(valid.length, s, `${name}: s sizes`);
            for (let o = 1; o <= s * i + kEff + s + 2; o++) {
              const arithmetic = deconv.convOutputSize(o, k, s, padding, d) === i;
              assert.equal(valid.includes(o), arithmetic, `${name}, o=${o}: arithmetic`);
              assert.equal(valid.includes(o), tfConvHeight(o, kEff, s, padding) === i, `${name}, o=${o}: tf.conv2d`);
              sizesChecked++;
            }
          }
        }
      }
    }
  }
  assert.ok(sizesChecked > 5000);
  assert.equal(tf.memory().numTensors, before);
});

test('validTransposeOutputSizes i=4,k=3,s=2: SAME 7, 8; VALID 9, 10; k=5,d=2 VALID 15, 16', () => {
  assert.deepEqual(deconv.validTransposeOutputSizes(4, 3, 2, 'SAME'), [7, 8]);
  assert.deepEqual(deconv.validTransposeOutputSizes(4, 3, 2, 'valid'), [9, 10]);
  assert.deepEqual(deconv.validTransposeOutputSizes(4, 5, 2, 'VALID', 2), [15, 16]);
  assert.deepEqual(deconv.validTransposeOutputSizes(1, 1, 1, [2, 2]), []);
});

test('convTransposeOutputSize is PyTorch (i - 1)s - 2p + d(k - 1) + op + 1, and lands in TF explicit [p, p - op] valid sizes', () => {
  assert.equal(deconv.convTransposeOutputSize(4, 5, 2, 2, 1), 8);
  assert.equal(deconv.convTransposeOutputSize(4, 4, 2, 1), 8);
  assert.equal(deconv.convTransposeOutputSize(3, 3, 2, 1, 0, 2), 7);
  for (let op = 0; op < 2; op++) {
    const o = deconv.convTransposeOutputSize(5, 5, 2, 2, op);
    assert.ok(deconv.validTransposeOutputSizes(5, 5, 2, [2, 2 - op]).includes(o));
  }
  assert.throws(
    () => deconv.convTransposeOutputSize(4, 3, 2, 1, 2),
    /outputPadding must be smaller than max\(stride, dilation\) = 2, got 2/,
  );
  assert.throws(() => deconv.convTransposeOutputSize(1, 1, 1, 1), /output size .* = -1 is not positive/);
});

test('kerasTransposeOutputSize: SAME i*s, VALID i*s + max(k - s, 0), both TF-valid for odd kernels', () => {
  assert.equal(deconv.kerasTransposeOutputSize(7, 5, 2, 'SAME'), 14);
  assert.equal(deconv.kerasTransposeOutputSize(7, 5, 2, 'VALID'), 17);
  assert.equal(deconv.kerasTransposeOutputSize(7, 1, 2, 'VALID'), 14);
  assert.ok(deconv.validTransposeOutputSizes(7, 5, 2, 'VALID').includes(17));
});

test('Dumoulin & Visin forward relations 1-7 and 15 on the guide figure configurations', () => {
  assert.equal(deconv.convNoPaddingUnitStride(4, 3), 2); // fig 2.1
  assert.equal(deconv.convPaddingUnitStride(5, 4, 2), 6); // fig 2.2
  assert.equal(deconv.convHalfPadding(5, 3), 5); // fig 2.3
  assert.equal(deconv.convFullPadding(5, 3), 7); // fig 2.4
  assert.equal(deconv.convNoPaddingStrided(5, 3, 2), 2); // fig 2.5
  assert.equal(deconv.convPaddingStrided(5, 3, 2, 1), 3); // fig 2.6
  assert.equal(deconv.convPaddingStrided(6, 3, 2, 1), 3); // fig 2.7
  assert.equal(deconv.poolingOutputSize(5, 3, 1), 3);
  assert.equal(deconv.dilatedConvOutputSize(7, 3, 1, 0, 2), 3); // fig 5.1
  assert.throws(() => deconv.convHalfPadding(5, 4), /half \(same\) padding needs an odd kernel k = 2n \+ 1, got k = 4/);
  assert.throws(() => deconv.convNoPaddingUnitStride(2, 3), /kernel 3 \(dilation 1\) does not fit input 2 with padding 0/);
});

test('Dumoulin & Visin transposed relations 8-14: sizes, zeros between inputs, p′ and a', () => {
  // Article case 1: 2x2 input, 3x3 kernel, full padding p′ = 2 -> 4x4 (fig 4.1).
  assert.deepEqual(deconv.transposeNoPaddingUnitStride(2, 3), { outputSize: 4, zerosBetween: 0, padding: 2, extraAfter: 0 });
  assert.deepEqual(deconv.transposePaddingUnitStride(6, 4, 2), { outputSize: 5, zerosBetween: 0, padding: 1, extraAfter: 0 }); // fig 4.2
  assert.deepEqual(deconv.transposeHalfPadding(5, 3), { outputSize: 5, zerosBetween: 0, padding: 1, extraAfter: 0 }); // fig 4.3
  assert.deepEqual(deconv.transposeFullPadding(7, 3), { outputSize: 5, zerosBetween: 0, padding: 0, extraAfter: 0 }); // fig 4.4
  assert.deepEqual(deconv.transposeNoPaddingStrided(2, 3, 2), { outputSize: 5, zerosBetween: 1, padding: 2, extraAfter: 0 }); // fig 4.5
  // Article case 2: 3x3 input, stride 2, k = 3, p = 1 -> 5x5 (fig 4.6).
  assert.deepEqual(deconv.transposePaddingStrided(3, 3, 2, 1), { outputSize: 5, zerosBetween: 1, padding: 1, extraAfter: 0 });
  assert.equal(deconv.transposeExtra(6, 3, 2, 1), 1);
  assert.deepEqual(deconv.transposeGeneral(3, 3, 2, 1, 1), { outputSize: 6, zerosBetween: 1, padding: 1, extraAfter: 1 }); // fig 4.7
  assert.throws(() => deconv.transposeGeneral(3, 3, 2, 1, 2), /a = \(i \+ 2p - k\) mod s must be smaller than s = 2, got 2/);
});

test('relation 14 inverts relation 6: for every i, k, s, p the transposed output of the forward output is i', () => {
  for (let i = 1; i <= 9; i++) {
    for (let k = 1; k <= Math.min(5, i); k++) {
      for (let s = 1; s <= 3; s++) {
        for (let p = 0; p < k; p++) {
          const o = deconv.convPaddingStrided(i, k, s, p);
          const a = deconv.transposeExtra(i, k, s, p);
          assert.equal(deconv.transposeGeneral(o, k, s, p, a).outputSize, i, `i=${i},k=${k},s=${s},p=${p}`);
          assert.equal(deconv.convTransposeOutputSize(o, k, s, p, a), i);
        }
      }
    }
  }
});

test('checkerboardRisk: k=5,s=2 uneven 4 to 9 taps; k=4,s=2 even; k=1,s=2 holes; stride 1 never', () => {
  const dcgan = deconv.checkerboardRisk(5, 2);
  assert.equal(dcgan.uneven, true);
  assert.deepEqual(dcgan.overlap, [
    [9, 6],
    [6, 4],
  ]);
  assert.equal(dcgan.ratio, 2.25);
  assert.match(dcgan.note, /4 to 9 taps \(ratio 2.25\): expect checkerboard artifacts/);
  const pytorch = deconv.checkerboardRisk(4, 2);
  assert.deepEqual([pytorch.uneven, pytorch.minOverlap, pytorch.maxOverlap, pytorch.ratio], [false, 4, 4, 1]);
  const holes = deconv.checkerboardRisk(1, 2);
  assert.deepEqual([holes.uneven, holes.minOverlap, holes.ratio], [true, 0, Infinity]);
  assert.match(holes.note, /holes/);
  assert.equal(deconv.checkerboardRisk([3, 5], 1).uneven, false);
  assert.deepEqual(deconv.checkerboardRisk([3, 4], [2, 2]).overlap, [
    [4, 4],
    [2, 2],
  ]);
  assert.throws(() => deconv.checkerboardRisk(3, 0), /stride must be a positive integer, got 0/);
});

const bad: Array<[string, () => unknown, RegExp]> = [
  ['NaN stride', () => deconv.convOutputSize(4, 3, NaN, 'SAME'), /stride must be a positive integer, got NaN/],
  ['non-integer input', () => deconv.validTransposeOutputSizes(2.5, 3, 2, 'SAME'), /inputSize must be a positive integer, got 2.5/],
  ['zero kernel', () => deconv.effectiveKernelSize(0), /kernel must be a positive integer, got 0/],
  ['negative padding', () => deconv.convOutputSize(4, 3, 1, -1), /padding must be a non-negative integer, got -1/],
  [
    'unknown padding mode',
    () => deconv.convOutputSize(4, 3, 1, 'FULL' as deconv.AxisPadding),
    /padding must be 'SAME', 'VALID', a non-negative integer or a \[before, after\] pair, got 'FULL'/,
  ],
  [
    'unreachable size, no valid size at all',
    () =>
      deconv.checkTransposeOutputSize({
        name: 'outputShape[1]',
        axis: 'height',
        outputSize: 1,
        inputSize: 1,
        kernel: 1,
        stride: 1,
        padding: [2, 2],
      }),
    /outputShape\[1\]=1 is not reachable from input height 1 .*no height is reachable; reduce the padding/,
  ],
];
for (const [name, fn, message] of bad) test(`arithmetic rejects ${name}`, () => assert.throws(fn, message));
