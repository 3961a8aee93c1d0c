// The fast ops (deconvlab's conv2dTranspose, TF convention, and convTranspose2d, PyTorch convention)
// against the three plain-array references on seeded random small configurations.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { seededRandom } from '../util/seeded_random';
import { maxAbsDiff, randomTransposeCase, referenceOptions, type TransposeCase } from './random_transpose_case';

type Pair = [number, number];
type Shape4 = [number, number, number, number];

const REFERENCES = { scatter: deconv.reference.scatter, zeroInsertion: deconv.reference.zeroInsertion, matrix: deconv.reference.matrix };

/** Reorders flat NHWC data of `shape` (NHWC) to NCHW. */
function toNchw(data: number[], [n, h, w, c]: number[]): number[] {
  const out = new Array<number>(data.length);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) out[((b * c + ch) * h + y) * w + x] = data[((b * h + y) * w + x) * c + ch];
  return out;
}

/** Runs `op`, naming the case in any error it throws. */
function run<T>(name: string, op: () => T): T {
  try {
    return op();
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message}`, { cause: e });
  }
}

/** Checks `actual` (NHWC data) against every reference on the case. */
function expectReferences(c: TransposeCase, actual: ArrayLike<number>, actualShape: number[], label: string): void {
  for (const [name, reference] of Object.entries(REFERENCES)) {
    const expected = reference(c.x, c.filter, referenceOptions(c));
    assert.deepEqual(actualShape, expected.shape, `${label} shape vs ${name}, ${c.name}`);
    const err = maxAbsDiff(actual, expected.data);
    assert.ok(err <= 1e-4, `${label} differs from reference.${name} by ${err}, ${c.name}`);
  }
}

/** TF's padding argument and output size for a case drawn in TF's terms. */
function tfPaddingCase(rng: ReturnType<typeof seededRandom>, c: TransposeCase, mode: 'SAME' | 'VALID' | 'explicit'): TransposeCase {
  const k = [c.filter.shape[0], c.filter.shape[1]];
  const i = [c.x.shape[1], c.x.shape[2]];
  const eff = [0, 1].map((d) => c.dilation[d] * (k[d] - 1) + 1);
  if (mode === 'explicit') return c; // explicit: the case's own forward padding, output padding < stride
  // SAME/VALID: TF chooses the padding from the output size; draw an accepted output size.
  const outSize = [0, 1].map((d) =>
    mode === 'SAME' ? c.stride[d] * (i[d] - 1) + rng.int(1, c.stride[d]) : c.stride[d] * (i[d] - 1) + eff[d] + rng.int(0, c.stride[d] - 1),
  ) as Pair;
  const total = [0, 1].map((d) => (mode === 'SAME' ? Math.max((i[d] - 1) * c.stride[d] + eff[d] - outSize[d], 0) : 0));
  const padding = total.map((t) => [Math.floor(t / 2), t - Math.floor(t / 2)]) as [Pair, Pair];
  const outputPadding = [0, 1].map((d) => outSize[d] - (c.stride[d] * (i[d] - 1) + eff[d] - total[d])) as Pair;
  return { ...c, padding, outputPadding, outSize, name: `${c.name},tf=${mode}` };
}

test('deconv.conv2dTranspose (TF convention) equals the three references on 200 seeded configs (SAME/VALID/explicit, NHWC/NCHW, s 1-3, k 1-5, d 1-2)', () => {
  const rng = seededRandom(2021);
  const before = tf.memory().numTensors;
  for (let n = 0; n < 200; n++) {
    // TF's rule: output padding below the stride (the output must convolve back to the input size).
    let drawn = randomTransposeCase(rng, { maxGroups: 1, overPad: false });
    drawn = {
      ...drawn,
      outputPadding: [Math.min(drawn.outputPadding[0], drawn.stride[0] - 1), Math.min(drawn.outputPadding[1], drawn.stride[1] - 1)],
    };
    drawn.outSize = [0, 1].map(
      (d) =>
        drawn.stride[d] * (drawn.x.shape[d + 1] - 1) +
        drawn.dilation[d] * (drawn.filter.shape[d] - 1) +
        1 -
        drawn.padding[d][0] -
        drawn.padding[d][1] +
        drawn.outputPadding[d],
    ) as Pair;
    if (drawn.outSize[0] < 1 || drawn.outSize[1] < 1) continue;
    const mode = rng.pick(['SAME', 'VALID', 'explicit'] as const);
    const c = tfPaddingCase(rng, drawn, mode);
    const format = rng.pick(['NHWC', 'NCHW'] as const);
    const [batch, , , inC] = c.x.shape;
    const outC = c.filter.shape[2];
    const nchw = format === 'NCHW';
    const stridesArg = rng.pick(['pair', 'list4'] as const) === 'pair' ? c.stride : nchw ? [1, 1, ...c.stride] : [1, ...c.stride, 1];
    const padArg = mode === 'explicit' ? (nchw ? [[0, 0], [0, 0], ...c.padding] : [[0, 0], ...c.padding, [0, 0]]) : mode;
    const outShape = nchw ? [batch, outC, c.outSize[0], c.outSize[1]] : [batch, c.outSize[0], c.outSize[1], outC];
    const name = `${c.name},${format}`;
    const result = run(name, () =>
      tf.tidy(() => {
        const xData = nchw ? toNchw(c.x.data, c.x.shape) : c.x.data;
        const xShape = (nchw ? [batch, inC, c.x.shape[1], c.x.shape[2]] : c.x.shape) as Shape4;
        const y = deconv.conv2dTranspose(
          tf.tensor4d(xData, xShape),
          tf.tensor4d(c.filter.data, c.filter.shape as Shape4),
          outShape,
          stridesArg,
          padArg as deconv.TfPadding,
          format,
          c.dilation,
        );
        return nchw ? tf.transpose(y, [0, 2, 3, 1]) : y;
      }),
    );
    expectReferences(c, result.dataSync(), result.shape, `conv2dTranspose ${name}`);
    result.dispose();
  }
  assert.equal(tf.memory().numTensors, before, 'conv2dTranspose leaked tensors');
});

test('deconv.convTranspose2d (PyTorch convention) equals the three references on 200 seeded configs (groups 1-3, s 1-3, k 1-5, d 1-2, padding, outputPadding, bias)', () => {
  const rng = seededRandom(1511);
  const before = tf.memory().numTensors;
  for (let n = 0; n < 200; n++) {
    const drawn = randomTransposeCase(rng);
    // PyTorch pads symmetrically: keep each dimension's padding before = after.
    const padding = [drawn.padding[0][0], drawn.padding[1][0]] as Pair;
    const c: TransposeCase = {
      ...drawn,
      padding: [
        [padding[0], padding[0]],
        [padding[1], padding[1]],
      ],
      outSize: [0, 1].map((d) => drawn.outSize[d] + drawn.padding[d][1] - drawn.padding[d][0]) as Pair,
    };
    if (c.outSize[0] < 1 || c.outSize[1] < 1) continue;
    const [batch, ih, iw, inC] = c.x.shape;
    const [kh, kw, outPer] = c.filter.shape;
    // PyTorch weight [inC, outC/groups, kH, kW] from the references' [kh, kw, outC/groups, inC].
    const weight = new Array<number>(c.filter.data.length);
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++)
        for (let o = 0; o < outPer; o++)
          for (let i = 0; i < inC; i++) weight[((i * outPer + o) * kh + y) * kw + x] = c.filter.data[((y * kw + x) * outPer + o) * inC + i];
    const outC = outPer * c.groups;
    const bias = rng.next() < 0.5 ? rng.values(outC) : null;
    const result = run(c.name, () =>
      tf.tidy(() => {
        const y = deconv.convTranspose2d(
          tf.tensor4d(toNchw(c.x.data, c.x.shape), [batch, inC, ih, iw]),
          tf.tensor4d(weight, [inC, outPer, kh, kw]),
          {
            stride: c.stride,
            padding,
            outputPadding: c.outputPadding,
            dilation: c.dilation,
            groups: c.groups,
            bias: bias ? tf.tensor1d(bias) : null,
          },
        );
        return tf.transpose(y, [0, 2, 3, 1]);
      }),
    );
    const actual = Array.from(result.dataSync());
    if (bias) for (let j = 0; j < actual.length; j++) actual[j] -= bias[j % outC];
    expectReferences(c, actual, result.shape, `convTranspose2d bias=${bias !== null}`);
    result.dispose();
  }
  assert.equal(tf.memory().numTensors, before, 'convTranspose2d leaked tensors');
});
