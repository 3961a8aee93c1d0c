// One geometry: the PyTorch-convention op, trace() and the reference implementations accept exactly the
// same transposed configurations, with the same output sizes, and reject the others with the same message
// (all three ask arithmetic's transposeAxes). Values come from each side's own computation and must agree.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { validatePayload } from 'deconvlab-extension/lib-node/validate';
import { expectArraysClose } from '../util/expect_arrays_close';
import { type SeededRandom, seededRandom } from '../util/seeded_random';

type Pair = [number, number];

/** A single-channel transposed configuration with symmetric padding (what all three take). */
interface Config {
  inputSize: Pair;
  kernelSize: Pair;
  stride: Pair;
  padding: Pair;
  dilation: Pair;
  outputPadding: Pair;
  input: number[][];
  kernel: number[][];
}

/** What one side answered: the output rows (sizes and values) or the rejection's message. */
type Outcome = { output: number[][] } | { error: string };

function outcome(run: () => number[][]): Outcome {
  try {
    return { output: run() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function rows(flat: ArrayLike<number>, [h, w]: Pair): number[][] {
  return Array.from({ length: h }, (_, r) => Array.from(flat).slice(r * w, (r + 1) * w));
}

function viaOp(c: Config): number[][] {
  const x = tf.tensor4d(c.input.flat(), [1, 1, ...c.inputSize]);
  const w = tf.tensor4d(c.kernel.flat(), [1, 1, ...c.kernelSize]);
  try {
    const y = deconv.convTranspose2d(x, w, { stride: c.stride, padding: c.padding, dilation: c.dilation, outputPadding: c.outputPadding });
    const out = rows(y.dataSync(), [y.shape[2], y.shape[3]]);
    y.dispose();
    return out;
  } finally {
    tf.dispose([x, w]);
  }
}

function viaTrace(c: Config): number[][] {
  return deconv.trace({ kind: 'transposed', ...c }).values!.output;
}

function viaReference(c: Config): number[][] {
  const x = deconv.reference.plainTensor([1, ...c.inputSize, 1], c.input.flat());
  const f = deconv.reference.plainTensor([...c.kernelSize, 1, 1], c.kernel.flat());
  const y = deconv.reference.scatter(x, f, { stride: c.stride, padding: c.padding, dilation: c.dilation, outputPadding: c.outputPadding });
  return rows(y.data, [y.shape[1], y.shape[2]]);
}

/** Draws any configuration, valid or not: padding up to d(k − 1) + 1, outputPadding up to max(s, d) (that one in 1 of 8 draws). */
function randomConfig(rng: SeededRandom): Config {
  const draw = (f: () => number): Pair => [f(), f()];
  const kernelSize = draw(() => rng.int(1, 4));
  const stride = draw(() => rng.int(1, 3));
  const dilation = draw(() => rng.int(1, 3));
  const inputSize = draw(() => rng.int(1, 5));
  const padding = [0, 1].map((d) => rng.int(0, dilation[d] * (kernelSize[d] - 1) + 1)) as Pair;
  const limit = (d: number): number => Math.max(stride[d], dilation[d]);
  const outputPadding = [0, 1].map((d) => (rng.next() < 1 / 8 ? limit(d) : rng.int(0, limit(d) - 1))) as Pair;
  const matrix = ([h, w]: Pair): number[][] => Array.from({ length: h }, () => rng.values(w));
  return { inputSize, kernelSize, stride, padding, dilation, outputPadding, input: matrix(inputSize), kernel: matrix(kernelSize) };
}

/** PyTorch's o = (i − 1)s − 2p + d(k − 1) + outputPadding + 1 and rule outputPadding < max(s, d), written out here. */
function expectedSize(c: Config): Pair | undefined {
  const size = [0, 1].map(
    (d) => (c.inputSize[d] - 1) * c.stride[d] - 2 * c.padding[d] + c.dilation[d] * (c.kernelSize[d] - 1) + c.outputPadding[d] + 1,
  );
  const ok = [0, 1].every((d) => c.outputPadding[d] < Math.max(c.stride[d], c.dilation[d]) && size[d] >= 1);
  return ok ? (size as Pair) : undefined;
}

test('ops, trace and references accept the same 700 seeded transposed configurations with the same sizes and values, and reject the rest with one message', () => {
  const rng = seededRandom(2016_0323);
  const seen = { accepted: 0, rejected: 0, dilatedOutputPadding: 0, overPadded: 0 };
  for (let n = 0; n < 700; n++) {
    const c = randomConfig(rng);
    const name = JSON.stringify({ ...c, input: undefined, kernel: undefined });
    const [op, tr, ref] = [outcome(() => viaOp(c)), outcome(() => viaTrace(c)), outcome(() => viaReference(c))];
    const expected = expectedSize(c);
    if (expected === undefined) {
      for (const o of [op, tr, ref]) assert.ok('error' in o, `${name} must be rejected`);
      const messages = [op, tr, ref].map((o) => ('error' in o ? o.error : ''));
      assert.equal(messages[1], messages[0], `${name}: trace and op reject with the same message`);
      assert.equal(messages[2], messages[0], `${name}: references and op reject with the same message`);
      assert.match(messages[0], /outputPadding must be smaller than max\(stride, dilation\)|output size .* is not positive/, name);
      seen.rejected++;
      continue;
    }
    for (const [side, o] of [
      ['op', op],
      ['trace', tr],
      ['reference', ref],
    ] as const) {
      assert.ok('output' in o, `${name}: ${side} rejected a valid config: ${'error' in o ? o.error : ''}`);
      assert.deepEqual([o.output.length, o.output[0].length], expected, `${name}: ${side} size`);
    }
    const want = ('output' in ref ? ref.output : []).flat();
    expectArraysClose(('output' in tr ? tr.output : []).flat(), want, 1e-9);
    expectArraysClose(('output' in op ? op.output : []).flat(), want, 1e-4);
    const axes = [0, 1];
    if (axes.some((d) => c.dilation[d] > 1 && c.outputPadding[d] >= c.stride[d])) seen.dilatedOutputPadding++;
    if (axes.some((d) => c.padding[d] > c.dilation[d] * (c.kernelSize[d] - 1))) seen.overPadded++;
    seen.accepted++;
  }
  assert.ok(seen.accepted >= 300 && seen.rejected >= 100, `accepted ${seen.accepted}, rejected ${seen.rejected}`);
  assert.ok(seen.dilatedOutputPadding >= 20, `${seen.dilatedOutputPadding} configs with outputPadding >= stride allowed by dilation`);
  assert.ok(seen.overPadded >= 20, `${seen.overPadded} configs with padding beyond d(k - 1)`);
});

test("the issue's two cases: outputPadding < max(stride, dilation) and padding beyond d(k - 1) are traced, drawn and accepted by the player as the op computes them", () => {
  const cases: Array<{ config: Omit<Config, 'input' | 'kernel'>; size: number }> = [
    {
      config: { inputSize: [3, 3], kernelSize: [1, 1], stride: [1, 1], dilation: [3, 3], outputPadding: [2, 2], padding: [0, 0] },
      size: 5,
    },
    {
      config: { inputSize: [4, 4], kernelSize: [1, 1], stride: [3, 3], dilation: [1, 1], outputPadding: [0, 0], padding: [2, 2] },
      size: 6,
    },
  ];
  for (const { config, size } of cases) {
    assert.equal(
      deconv.convTransposeOutputSize(
        config.inputSize[0],
        1,
        config.stride[0],
        config.padding[0],
        config.outputPadding[0],
        config.dilation[0],
      ),
      size,
    );
    assert.deepEqual(deconv.trace({ kind: 'transposed', ...config }).outputSize, [size, size]);
    const bundle = deconv.arithmeticBundle({ kind: 'transposed', ...config });
    assert.match(String(bundle['text/plain']), new RegExp(`-> output ${size}x${size}`));
    // The player accepts the move diagram (schema and cross-field rules: every window stays on the grid).
    const payload = validatePayload('convArithmetic', JSON.parse(JSON.stringify(bundle[deconv.MIME_TYPES.convArithmetic])));
    assert.deepEqual(payload.trace.outputSize, [size, size]);
  }
});

test('the one geometry names the axis, the rule and the values when it rejects', () => {
  assert.throws(
    () => deconv.transposeAxis({ inputSize: 3, kernel: 1, stride: 1, dilation: 3, outputPadding: 3, padding: 0, axis: 'width' }),
    /outputPadding must be smaller than max\(stride, dilation\) = 3, got 3 on the width axis \(stride 1, dilation 3\)/,
  );
  assert.throws(
    () => deconv.transposeAxis({ inputSize: 1, kernel: 3, stride: 2, padding: [2, 1] }),
    /output size .* = 0 is not positive \(input 1, kernel 3, stride 2, padding \[2, 1\], dilation 1\): reduce the padding/,
  );
  assert.deepEqual(deconv.transposeAxis({ inputSize: 4, kernel: 1, stride: 3, padding: 2 }), {
    inputSize: 4,
    kernel: 1,
    stride: 3,
    padding: [2, 2],
    outputPadding: 0,
    dilation: 1,
    effectiveKernelSize: 1,
    fullSize: 10,
    outputSize: 6,
  });
});
