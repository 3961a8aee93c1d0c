import assert from 'node:assert/strict';
import test from 'node:test';
import * as deconv from 'deconvlab';

const { plainTensor, scatter, zeroInsertion, matrix, convolutionMatrix } = deconv.reference;
const x = plainTensor([1, 2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
const f = plainTensor([3, 3, 1, 2], new Array(18).fill(1));
const views = { scatter, zeroInsertion, matrix };

for (const [name, view] of Object.entries(views)) {
  test(`${name}: bad options and shapes throw errors naming the rule and the values`, () => {
    assert.throws(() => view(x, f, { stride: 1.5 }), /stride must be a positive integer, got 1\.5/);
    assert.throws(() => view(x, f, { stride: NaN }), /stride must be a positive integer, got NaN/);
    assert.throws(() => view(x, f, { stride: [2, 0] }), /stride\[1\] must be a positive integer, got 0/);
    assert.throws(() => view(x, f, { dilation: -1 }), /dilation must be a positive integer, got -1/);
    assert.throws(() => view(x, f, { padding: -1 }), /padding must be a non-negative integer, got -1/);
    assert.throws(() => view(x, f, { padding: [[0, 1], [2]] as never }), /padding\[1\] must be a number or a \[height, width\] pair/);
    assert.throws(
      () => view(x, f, { stride: 2, outputPadding: 2 }),
      /outputPadding must be smaller than max\(stride, dilation\) = 2, got 2 on the height axis/,
    );
    assert.throws(() => view(x, f, { padding: 3 }), /output size .* = -2 is not positive on the height axis/);
    assert.throws(() => view(x, f, { groups: 3 }), /input channels must divide by groups: 2 channels, groups 3/);
    assert.throws(
      () => view(plainTensor([2, 2, 2], new Array(8).fill(0)), f),
      /input must have rank 4 \[batch, height, width, channels\], got shape \[2, 2, 2\]/,
    );
    assert.throws(
      () => view(x, plainTensor([3, 3, 1, 3], new Array(27).fill(0))),
      /filter\.shape\[3\] \(inChannels\) must equal the input's channels: 3 != 2/,
    );
    assert.throws(() => view({ shape: [1, 2, 2, 2], data: [1, 2] }, f), /input has shape \[1, 2, 2, 2\] \(8 values\) but 2 values/);
  });
}

test('plainTensor: data length must match the shape', () => {
  assert.throws(() => plainTensor([2, 3], [1, 2]), /shape \[2, 3\] needs 6 values, got 2/);
  assert.throws(() => plainTensor([2, -1], []), /every dimension must be a non-negative integer, got shape \[2, -1\]/);
});

test('convolutionMatrix: the kernel must fit the padded input, and channels must match the filter', () => {
  assert.throws(
    () => convolutionMatrix([2, 2, 1], plainTensor([3, 3, 1, 1], new Array(9).fill(1))),
    /output must be non-empty: input \[2, 2\] \+ padding is smaller than the dilated kernel \[3, 3\]/,
  );
  assert.throws(
    () => convolutionMatrix([4, 4, 2], plainTensor([3, 3, 1, 1], new Array(9).fill(1))),
    /needs 1 input channels .* the input has 2 channels/,
  );
  assert.throws(
    () => convolutionMatrix([4, 0, 1], plainTensor([3, 3, 1, 1], new Array(9).fill(1))),
    /inputShape\[1\] must be a positive integer, got 0/,
  );
});
