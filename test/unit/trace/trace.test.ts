// Traces are checked against the reference implementations by re-summing their steps with the
// expansion rule documented in src/trace.ts (re-implemented here, as the renderer does).
import assert from 'node:assert/strict';
import test from 'node:test';
import * as deconv from 'deconvlab';
import { expectArraysClose } from '../util/expect_arrays_close';
import { type SeededRandom, seededRandom } from '../util/seeded_random';

type Pair = [number, number];

/** Output of the direct view: each step sums kernel × grid value over all kernel cells. */
function sumDirect(t: deconv.Trace): number[][] {
  const v = t.direct;
  const { input, kernel } = t.values!;
  const [kh, kw] = t.kernelSize;
  const gridValue = (y: number, x: number): number => {
    const kind = v.grid.cells[y][x];
    assert.ok(kind === 'i' || kind === 'p' || kind === 'z', `cell kind ${kind}`);
    if (kind !== 'i') return 0;
    const r = (y - v.grid.padding[0][0]) / v.grid.spacing[0];
    const c = (x - v.grid.padding[1][0]) / v.grid.spacing[1];
    assert.ok(Number.isInteger(r) && Number.isInteger(c), `input cell (${y}, ${x}) is not on the input lattice`);
    return input[r][c];
  };
  const out = Array.from({ length: t.outputSize[0] }, () => new Array<number>(t.outputSize[1]).fill(NaN));
  for (const [oy, ox, gy, gx] of v.steps) {
    assert.ok(Number.isNaN(out[oy][ox]), `output (${oy}, ${ox}) computed twice`);
    let sum = 0;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const k = v.kernelFlipped ? kernel[kh - 1 - ky][kw - 1 - kx] : kernel[ky][kx];
        sum += k * gridValue(gy + ky * v.dilation[0], gx + kx * v.dilation[1]);
      }
    }
    out[oy][ox] = sum;
  }
  return out;
}

/** Output of the scatter view: each step adds input × kernel onto the canvas; the output is a window of it. */
function sumScatter(t: deconv.Trace): number[][] {
  const v = t.scatter!;
  const { input, kernel } = t.values!;
  const out = Array.from({ length: t.outputSize[0] }, () => new Array<number>(t.outputSize[1]).fill(0));
  for (const [iy, ix, cy, cx] of v.steps) {
    kernel.forEach((row, ky) =>
      row.forEach((k, kx) => {
        const y = cy + ky * v.dilation[0];
        const x = cx + kx * v.dilation[1];
        assert.ok(y < v.canvas[0] && x < v.canvas[1], `stamp (${y}, ${x}) outside the canvas ${v.canvas}`);
        const oy = y - v.outputOrigin[0];
        const ox = x - v.outputOrigin[1];
        if (oy >= 0 && oy < t.outputSize[0] && ox >= 0 && ox < t.outputSize[1]) out[oy][ox] += input[iy][ix] * k;
      }),
    );
  }
  return out;
}

/** The reference output for a trace's geometry and values (plain arrays, single channel). */
function referenceOutput(t: deconv.Trace): number[][] {
  const { input, kernel } = t.values!;
  const f = deconv.reference.plainTensor([t.kernelSize[0], t.kernelSize[1], 1, 1], kernel.flat());
  let flat: number[];
  if (t.kind === 'transposed') {
    const x = deconv.reference.plainTensor([1, t.inputSize[0], t.inputSize[1], 1], input.flat());
    flat = deconv.reference.scatter(x, f, {
      stride: t.stride,
      padding: t.padding,
      dilation: t.dilation,
      outputPadding: t.outputPadding,
    }).data;
  } else {
    const C = deconv.reference.convolutionMatrix([t.inputSize[0], t.inputSize[1], 1], f, {
      stride: t.stride,
      padding: t.padding,
      dilation: t.dilation,
    });
    const x = input.flat();
    flat = Array.from({ length: C.shape[0] }, (_, r) => x.reduce((s, v, j) => s + C.data[r * C.shape[1] + j] * v, 0));
  }
  return Array.from({ length: t.outputSize[0] }, (_, r) => flat.slice(r * t.outputSize[1], (r + 1) * t.outputSize[1]));
}

function matrixOf(rng: SeededRandom, [h, w]: Pair): number[][] {
  return Array.from({ length: h }, () => rng.values(w));
}

function randomConfig(rng: SeededRandom): deconv.TraceConfig | undefined {
  const kind = rng.pick(['conv', 'transposed'] as const);
  const kernelSize: Pair = [rng.int(1, 5), rng.int(1, 5)];
  const stride: Pair = [rng.int(1, 3), rng.int(1, 3)];
  const dilation: Pair = [rng.int(1, 2), rng.int(1, 2)];
  const inputSize: Pair = [rng.int(1, 6), rng.int(1, 6)];
  const eff = [0, 1].map((d) => dilation[d] * (kernelSize[d] - 1));
  // Transposed traces also take padding beyond d(k - 1) (it crops) and outputPadding up to max(s, d) - 1.
  const maxPad = (d: number): number => eff[d] + (kind === 'transposed' ? 2 : 0);
  const padding: [Pair, Pair] = [
    [rng.int(0, maxPad(0)), rng.int(0, maxPad(0))],
    [rng.int(0, maxPad(1)), rng.int(0, maxPad(1))],
  ];
  const maxOp = (d: number): number => (kind === 'transposed' ? Math.max(stride[d], dilation[d]) - 1 : 0);
  const outputPadding: Pair = [rng.int(0, maxOp(0)), rng.int(0, maxOp(1))];
  const out = [0, 1].map((d) =>
    kind === 'conv'
      ? inputSize[d] + padding[d][0] + padding[d][1] - eff[d]
      : stride[d] * (inputSize[d] - 1) + eff[d] + 1 - padding[d][0] - padding[d][1] + outputPadding[d],
  );
  if (out[0] < 1 || out[1] < 1) return undefined;
  return {
    kind,
    inputSize,
    kernelSize,
    stride,
    padding,
    dilation,
    outputPadding,
    input: matrixOf(rng, inputSize),
    kernel: matrixOf(rng, kernelSize),
  };
}

test('re-summed steps of both views reproduce the reference output on 300 seeded conv and transposed configs', () => {
  const rng = seededRandom(1603_07285);
  let checked = 0;
  while (checked < 300) {
    const config = randomConfig(rng);
    if (!config) continue;
    const t = deconv.trace(config);
    const name = JSON.stringify({ ...config, input: undefined, kernel: undefined });
    const expected = referenceOutput(t).flat();
    expectArraysClose(sumDirect(t).flat(), expected, 1e-9);
    expectArraysClose(t.values!.output.flat(), expected, 1e-9);
    if (t.kind === 'transposed') expectArraysClose(sumScatter(t).flat(), expected, 1e-9);
    else assert.equal(t.scatter, undefined, name);
    assert.equal(t.direct.steps.length, t.outputSize[0] * t.outputSize[1], name);
    checked++;
  }
});

test('grid cells: real inputs on the lattice, s-1 inserted zeros between them, padding around (300 seeded configs)', () => {
  const rng = seededRandom(99);
  for (let n = 0; n < 300; n++) {
    const config = randomConfig(rng);
    if (!config) continue;
    const { grid } = deconv.trace(config).direct;
    const [ih, iw] = config.inputSize as Pair;
    const count = (ch: string): number => grid.cells.join('').split(ch).length - 1;
    assert.equal(grid.cells.length, grid.size[0]);
    assert.ok(grid.cells.every((row) => row.length === grid.size[1]));
    assert.equal(count('i'), ih * iw);
    const inner = [0, 1].map((d) => grid.spacing[d] * ((config.inputSize as Pair)[d] - 1) + 1);
    assert.equal(count('z'), inner[0] * inner[1] - ih * iw);
    assert.equal(count('p'), grid.size[0] * grid.size[1] - inner[0] * inner[1]);
    assert.deepEqual(
      grid.size,
      [0, 1].map((d) => grid.padding[d][0] + inner[d] + grid.padding[d][1]),
    );
  }
});

test('article case 1: transposed input=2x2,k=3,s=1,p=0 -> 4x4 over a 6x6 grid with full padding 2', () => {
  const t = deconv.trace({ kind: 'transposed', inputSize: 2, kernelSize: 3, stride: 1, padding: 0 });
  assert.deepEqual(t.outputSize, [4, 4]);
  assert.deepEqual(t.direct.grid.cells, ['pppppp', 'pppppp', 'ppiipp', 'ppiipp', 'pppppp', 'pppppp']);
  assert.deepEqual(t.direct.grid.padding, [
    [2, 2],
    [2, 2],
  ]);
  assert.equal(t.direct.view, 'zero-insertion');
  assert.equal(t.direct.kernelFlipped, true);
  assert.deepEqual(t.direct.steps.slice(0, 5), [
    [0, 0, 0, 0],
    [0, 1, 0, 1],
    [0, 2, 0, 2],
    [0, 3, 0, 3],
    [1, 0, 1, 0],
  ]);
  assert.deepEqual(t.scatter!.steps, [
    [0, 0, 0, 0],
    [0, 1, 0, 1],
    [1, 0, 1, 0],
    [1, 1, 1, 1],
  ]);
  assert.deepEqual(t.scatter!.canvas, [4, 4]);
  assert.deepEqual(t.scatter!.outputOrigin, [0, 0]);
  assert.equal(t.values, undefined);
});

test('article case 2: transposed input=3x3,k=3,s=2,p=1 -> 5x5 over a 7x7 zero-inserted grid, with values', () => {
  const t = deconv.trace({
    kind: 'transposed',
    inputSize: 3,
    kernelSize: 3,
    stride: 2,
    padding: 1,
    input: [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ],
    kernel: [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ],
  });
  assert.deepEqual(t.outputSize, [5, 5]);
  assert.deepEqual(t.direct.grid.cells, ['ppppppp', 'pizizip', 'pzzzzzp', 'pizizip', 'pzzzzzp', 'pizizip', 'ppppppp']);
  assert.deepEqual(t.direct.grid.spacing, [2, 2]);
  assert.deepEqual(t.scatter!.canvas, [7, 7]);
  assert.deepEqual(t.scatter!.outputOrigin, [1, 1]);
  assert.deepEqual(t.scatter!.steps[4], [1, 1, 2, 2]);
  assert.deepEqual(t.values!.output, [
    [1, 3, 2, 5, 3],
    [5, 12, 7, 16, 9],
    [4, 9, 5, 11, 6],
    [11, 24, 13, 28, 15],
    [7, 15, 8, 17, 9],
  ]);
});

test('D&V conv no padding, unit strides: input=4x4,k=3 -> 2x2 in 4 steps', () => {
  const t = deconv.trace({ kind: 'conv', inputSize: 4, kernelSize: 3, stride: 1, padding: 0 });
  assert.deepEqual(t.outputSize, [2, 2]);
  assert.deepEqual(t.direct.steps, [
    [0, 0, 0, 0],
    [0, 1, 0, 1],
    [1, 0, 1, 0],
    [1, 1, 1, 1],
  ]);
  assert.equal(t.direct.view, 'conv');
  assert.equal(t.direct.kernelFlipped, false);
});

test('D&V conv padding, strides: input=5x5,k=3,s=2,p=1 -> 3x3, windows at 0, 2, 4 of the 7x7 padded grid', () => {
  const t = deconv.trace({ kind: 'conv', inputSize: 5, kernelSize: 3, stride: 2, padding: 1 });
  assert.deepEqual(t.outputSize, [3, 3]);
  assert.deepEqual(t.direct.grid.size, [7, 7]);
  assert.deepEqual(t.direct.steps.map((s) => s[3]).slice(0, 3), [0, 2, 4]);
});

test('D&V odd case: transposed input=3x3,k=3,s=2,p=1,a=1 -> 6x6, the grid padded 1 before and 2 after', () => {
  const t = deconv.trace({ kind: 'transposed', inputSize: 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 });
  assert.deepEqual(t.outputSize, [6, 6]);
  assert.deepEqual(t.direct.grid.padding, [
    [1, 2],
    [1, 2],
  ]);
  assert.deepEqual(t.scatter!.canvas, [7, 7]);
});

test('D&V dilation: conv input=7x7,k=3,d=2 -> 3x3 with taps 2 apart; [h, w] pairs accepted', () => {
  const t = deconv.trace({ kind: 'conv', inputSize: [7, 7], kernelSize: [3, 3], stride: [1, 1], padding: [0, 0], dilation: 2 });
  assert.deepEqual(t.outputSize, [3, 3]);
  assert.deepEqual(t.effectiveKernelSize, [5, 5]);
  assert.deepEqual(t.direct.dilation, [2, 2]);
});

test('a 32x32 transposed trace with values (k=5,s=2,p=2,a=1 -> 64x64) is well under 1 MB of JSON and survives a JSON round trip', () => {
  const rng = seededRandom(32);
  const t = deconv.trace({
    kind: 'transposed',
    inputSize: 32,
    kernelSize: 5,
    stride: 2,
    padding: 2,
    outputPadding: 1,
    input: matrixOf(rng, [32, 32]),
    kernel: matrixOf(rng, [5, 5]),
  });
  assert.deepEqual(t.outputSize, [64, 64]);
  const json = JSON.stringify(t);
  assert.ok(json.length < 400_000, `trace JSON is ${json.length} bytes`);
  assert.deepEqual(JSON.parse(json), t);
});

test('bad configs throw errors that name the rule and the values', () => {
  const base = { kind: 'conv', inputSize: 4, kernelSize: 3, stride: 1, padding: 0 } as const;
  const bad =
    (patch: Record<string, unknown>): (() => unknown) =>
    () =>
      deconv.trace({ ...base, ...patch } as deconv.TraceConfig);
  assert.throws(bad({ kind: 'deconv' }), /kind must be 'conv' or 'transposed', got "deconv"/);
  assert.throws(bad({ inputSize: 2.5 }), /inputSize must be a positive integer, got 2\.5/);
  assert.throws(bad({ kernelSize: [3, 0] }), /kernelSize\[1\] must be a positive integer, got 0/);
  assert.throws(bad({ stride: undefined }), /config\.stride is required/);
  assert.throws(bad({ stride: NaN }), /stride must be a positive integer, got NaN/);
  assert.throws(bad({ padding: -1 }), /padding must be a non-negative integer, got -1/);
  assert.throws(bad({ padding: 3 }), /padding \[3, 3\] in dimension 0 must be at most d\(k - 1\) = 2/);
  assert.throws(bad({ outputPadding: 1 }), /outputPadding applies to kind 'transposed' only/);
  assert.throws(
    bad({ inputSize: 2, kernelSize: 5, padding: 1 }),
    /output would be empty .* dilated kernel \[5, 5\] must fit in the padded input/,
  );
  assert.throws(
    bad({ kind: 'transposed', stride: 2, outputPadding: 2 }),
    /outputPadding must be smaller than max\(stride, dilation\) = 2, got 2 on the height axis/,
  );
  assert.throws(
    bad({ kind: 'transposed', inputSize: 1, kernelSize: 5, padding: 4 }),
    /output size .* = -3 is not positive on the height axis/,
  );
  assert.throws(bad({ input: [[1, 2, 3, 4]] }), /give both input and kernel values, or neither/);
  const ones = (h: number, w: number): number[][] => Array.from({ length: h }, () => new Array<number>(w).fill(1));
  assert.throws(bad({ input: ones(4, 3), kernel: ones(3, 3) }), /input must be 4 rows of 4 finite numbers/);
  assert.throws(bad({ input: [...ones(3, 4), [1, NaN, 1, 1]], kernel: ones(3, 3) }), /input must be 4 rows of 4 finite numbers/);
  assert.throws(() => deconv.trace(undefined as never), /config must be an object/);
});
