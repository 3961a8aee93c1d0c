// The seed article's two worked cases and the transposed-convolution figures of Dumoulin & Visin
// (2016), single channel, with values small enough to check by hand. `padding` is always the
// forward convolution's padding. Expected values are worked out in the comments.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';

const K123 = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
];
const ONES3 = [
  [1, 1, 1],
  [1, 1, 1],
  [1, 1, 1],
];

/** Runs all three references on a single-channel input and kernel; checks shape and values of each. */
function expectTransposed(input: number[][], kernel: number[][], options: deconv.reference.TransposeOptions, expected: number[][]): void {
  const x = deconv.reference.plainTensor([1, input.length, input[0].length, 1], input.flat());
  const f = deconv.reference.plainTensor([kernel.length, kernel[0].length, 1, 1], kernel.flat());
  const views = { scatter: deconv.reference.scatter, zeroInsertion: deconv.reference.zeroInsertion, matrix: deconv.reference.matrix };
  for (const [name, view] of Object.entries(views)) {
    const out = view(x, f, options);
    assert.deepEqual(out.shape, [1, expected.length, expected[0].length, 1], `${name} shape`);
    expectArraysClose(out.data, expected.flat(), 1e-9);
  }
}

const delta = (h: number, w: number, y: number, x: number): number[][] =>
  Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => (r === y && c === x ? 1 : 0)));

test('article case 1 / D&V no padding, unit strides, transposed: input=2x2,k=3,s=1,p=0 -> 4x4', () => {
  // Full padding k - 1 = 2 around the 2x2 input; each input digit stamps the kernel at its own offset:
  // out[y][x] = 1·K[y][x] + 10·K[y][x-1] + 100·K[y-1][x] + 1000·K[y-1][x-1].
  expectTransposed(
    [
      [1, 10],
      [100, 1000],
    ],
    K123,
    { stride: 1, padding: 0 },
    [
      [1, 12, 23, 30],
      [104, 1245, 2356, 3060],
      [407, 4578, 5689, 6090],
      [700, 7800, 8900, 9000],
    ],
  );
});

test('article case 2 / D&V padding, strides, transposed (fig. 4.6): input=3x3,k=3,s=2,p=1 -> 5x5', () => {
  // Ones kernel: out[y][x] sums the inputs whose stamp, placed at 2·i - 1, covers (y, x);
  // e.g. out[1][1] = 1 + 2 + 4 + 5 = 12, out[3][3] = 5 + 6 + 8 + 9 = 28.
  expectTransposed(
    [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ],
    ONES3,
    { stride: 2, padding: 1 },
    [
      [1, 3, 2, 5, 3],
      [5, 12, 7, 16, 9],
      [4, 9, 5, 11, 6],
      [11, 24, 13, 28, 15],
      [7, 15, 8, 17, 9],
    ],
  );
});

test('D&V full padding, transposed: forward i=5,k=3,p=2 gives 7; input=7x7,k=3,s=1,p=2 -> 5x5', () => {
  // o' = i' - (k - 1) = 5. An impulse at (3, 3) stamps the kernel at 3 - 2 = 1: out[1 + ky][1 + kx] = K[ky][kx].
  const expected = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  K123.forEach((row, ky) => row.forEach((v, kx) => (expected[1 + ky][1 + kx] = v)));
  expectTransposed(delta(7, 7, 3, 3), K123, { stride: 1, padding: 2 }, expected);
});

test('D&V half padding, transposed: input=5x5,k=3,s=1,p=1 -> 5x5', () => {
  // o' = i'. An impulse at (0, 0) stamps the kernel at -1: only K[1..2][1..2] stays inside.
  expectTransposed(delta(5, 5, 0, 0), K123, { stride: 1, padding: 1 }, [
    [5, 6, 0, 0, 0],
    [8, 9, 0, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ]);
});

test('D&V no padding, strides, transposed: forward i=5,k=3,s=2 gives 2; input=2x2,k=3,s=2,p=0 -> 5x5', () => {
  // o' = s(i' - 1) + k = 5; the stamps at 0 and 2 overlap in row/column 2 only.
  expectTransposed(
    [
      [1, 10],
      [100, 1000],
    ],
    ONES3,
    { stride: 2, padding: 0 },
    [
      [1, 1, 11, 10, 10],
      [1, 1, 11, 10, 10],
      [101, 101, 1111, 1010, 1010],
      [100, 100, 1100, 1000, 1000],
      [100, 100, 1100, 1000, 1000],
    ],
  );
});

test('D&V odd case, transposed: forward i=6,k=3,s=2,p=1 gives 3, a=(6+2-3) mod 2=1; input=3x3,k=3,s=2,p=1,a=1 -> 6x6', () => {
  // The 5x5 of article case 2 plus one row and column: row 5 is reached only by input row 2 through
  // kernel row 2 (2·2 - 1 + 2 = 5), so it repeats row 4; likewise column 5 repeats column 4.
  expectTransposed(
    [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ],
    ONES3,
    { stride: 2, padding: 1, outputPadding: 1 },
    [
      [1, 3, 2, 5, 3, 3],
      [5, 12, 7, 16, 9, 9],
      [4, 9, 5, 11, 6, 6],
      [11, 24, 13, 28, 15, 15],
      [7, 15, 8, 17, 9, 9],
      [7, 15, 8, 17, 9, 9],
    ],
  );
});

test('multi-channel, groups=2: input=1x1x1x2,f=1x1x2x2 -> each group maps its channel to its own two outputs', () => {
  // Group 0: input channel 0 (value 2) with weights [3, 5] -> outputs 0, 1; group 1: channel 1 (value 7) with [11, 13] -> outputs 2, 3.
  const x = deconv.reference.plainTensor([1, 1, 1, 2], [2, 7]);
  const f = deconv.reference.plainTensor([1, 1, 2, 2], [3, 11, 5, 13]); // [ky, kx, outPerGroup, inC]
  for (const view of [deconv.reference.scatter, deconv.reference.zeroInsertion, deconv.reference.matrix]) {
    const out = view(x, f, { groups: 2 });
    assert.deepEqual(out.shape, [1, 1, 1, 4]);
    expectArraysClose(out.data, [6, 10, 77, 91], 1e-9);
  }
});

test('dilation: input=1x1,k=2,d=3 -> 4x4 with the kernel taps 3 apart', () => {
  expectTransposed(
    [[1]],
    [
      [1, 2],
      [3, 4],
    ],
    { dilation: 3 },
    [
      [1, 0, 0, 2],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [3, 0, 0, 4],
    ],
  );
});

test('convolutionMatrix of D&V fig. 2.1 (input=4x4,k=3,s=1,p=0) is the 4x16 matrix of shifted kernels', () => {
  const f = deconv.reference.plainTensor([3, 3, 1, 1], K123.flat());
  const C = deconv.reference.convolutionMatrix([4, 4, 1], f);
  assert.deepEqual(C.shape, [4, 16]);
  // Row for output (0, 0): the kernel rows at input columns 0-2 of rows 0-2.
  expectArraysClose(C.data.slice(0, 16), [1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 0, 0, 0, 0], 0);
  // Row for output (1, 1): shifted one row and one column.
  expectArraysClose(C.data.slice(48, 64), [0, 0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9], 0);
});
