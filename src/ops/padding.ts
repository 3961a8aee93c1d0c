/**
 * Padding of a transposed convolution in the two conventions, and exact conversion between them.
 *
 * TF (`tf.nn.conv2d_transpose`) names the padding of the forward convolution — 'SAME', 'VALID' or
 * explicit `[[0, 0], [top, bottom], [left, right], [0, 0]]` — and takes the output size separately.
 * PyTorch (`conv_transpose2d`) takes a symmetric `padding` p and an `outputPadding` op added at the end.
 * Both crop the full transposed output (size F = s(i′ − 1) + d(k − 1) + 1): TF keeps rows
 * [top, top + o), PyTorch keeps [p, p + o) with o = F − 2p + op, so TF explicit [p, p − op] ≡ PyTorch (p, op).
 *
 * The classic mismatch: kernel 5, stride 2, 4 → 8. TF 'SAME' pads the odd pixel after: 1 before, 2 after.
 * PyTorch padding 2, outputPadding 1 crops 2 before, 1 after. Same shape, shifted by one pixel; no
 * PyTorch arguments reproduce TF's (PyTorch can never crop more after than before).
 */
import { checkTransposeOutputSize, effectiveKernelSize } from '../arithmetic';
import { checkInt, checkPair, describe, type Pair } from '../check';
import { type DataFormat, parseTfSpatial } from './tf_args';

/** TF's explicit padding: one `[before, after]` pair per dimension of the data format; batch and channel pairs are `[0, 0]`. */
export type ExplicitPadding = [Pair, Pair, Pair, Pair];

/** TF's `padding` argument: 'SAME', 'VALID' (either case) or explicit. */
export type TfPadding = 'SAME' | 'VALID' | 'same' | 'valid' | ExplicitPadding;

/** Explicit `[before, after]` amounts per spatial axis: `[[top, bottom], [left, right]]`. */
export type SpatialPadding = [Pair, Pair];

/** Normalises TF's padding to 'SAME', 'VALID' or `[[top, bottom], [left, right]]`, checking the batch and channel pairs are zero. */
export function normalizeTfPadding(padding: unknown, dataFormat: DataFormat = 'NHWC'): 'SAME' | 'VALID' | SpatialPadding {
  if (typeof padding === 'string') {
    const mode = padding.toUpperCase();
    if (mode === 'SAME' || mode === 'VALID') return mode;
  } else if (Array.isArray(padding) && padding.length === 4 && padding.every((p) => Array.isArray(p) && p.length === 2)) {
    const [hAxis, wAxis] = dataFormat === 'NHWC' ? [1, 2] : [2, 3];
    const nonSpatial = [0, 1, 2, 3].filter((a) => a !== hAxis && a !== wAxis);
    for (const a of nonSpatial) {
      if (padding[a][0] !== 0 || padding[a][1] !== 0) {
        throw new Error(
          `explicit padding must be [0, 0] for the batch and channel dimensions, got ${describe(padding[a])} at index ${a} ` +
            `of ${describe(padding)}: in ${dataFormat} order pass ${dataFormat === 'NHWC' ? '[[0, 0], [top, bottom], [left, right], [0, 0]]' : '[[0, 0], [0, 0], [top, bottom], [left, right]]'}`,
        );
      }
    }
    const pair = (a: number, name: string): Pair => [
      checkInt(`padding ${name} before`, padding[a][0], 0),
      checkInt(`padding ${name} after`, padding[a][1], 0),
    ];
    return [pair(hAxis, 'height'), pair(wAxis, 'width')];
  }
  throw new Error(
    `padding must be 'SAME', 'VALID' or explicit [[0, 0], [top, bottom], [left, right], [0, 0]] (NHWC order), got ${describe(padding)}`,
  );
}

/** Sizes that fix TF's 'SAME' padding: the transposed convolution's input and output sizes and its filter. */
export interface TransposeSizes {
  /** Spatial size `[h, w]` of the transposed convolution's input (the forward convolution's output). */
  inputSize: Pair;
  /** Spatial size `[h, w]` of the transposed convolution's output. */
  outputSize: Pair;
  /** Kernel `[kh, kw]`. */
  kernelSize: Pair | number;
  /** TF strides: an int or a list of 1, 2 or 4 (default 1). */
  strides?: number | number[];
  /** TF dilations: an int or a list of 1, 2 or 4 (default 1). */
  dilations?: number | number[];
  /** Order of a 4-element strides/dilations/padding list (default 'NHWC'). */
  dataFormat?: DataFormat;
}

interface AxisGeometry {
  i: number;
  o: number;
  k: number;
  s: number;
  d: number;
}

function axesOf(sizes: TransposeSizes): [AxisGeometry, AxisGeometry] {
  const dataFormat = sizes.dataFormat ?? 'NHWC';
  const inputSize = checkPair('inputSize', sizes.inputSize, 1);
  const outputSize = checkPair('outputSize', sizes.outputSize, 1);
  const kernel = checkPair('kernelSize', sizes.kernelSize, 1);
  const strides = parseTfSpatial('strides', sizes.strides ?? 1, dataFormat);
  const dilations = parseTfSpatial('dilations', sizes.dilations ?? 1, dataFormat);
  return [0, 1].map((a) => ({ i: inputSize[a], o: outputSize[a], k: kernel[a], s: strides[a], d: dilations[a] })) as [
    AxisGeometry,
    AxisGeometry,
  ];
}

/** TF's 'SAME' padding of one axis: total max((i − 1)s + k_eff − o, 0), the odd pixel after. */
export function samePadding(inputSize: number, outputSize: number, kernelEff: number, stride: number): Pair {
  const total = Math.max((inputSize - 1) * stride + kernelEff - outputSize, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * The explicit `[[top, bottom], [left, right]]` TF pads the forward convolution with, for a transposed
 * convolution of the given sizes (checked to be a size TF accepts).
 */
export function resolveTfPadding(padding: TfPadding, sizes: TransposeSizes): SpatialPadding {
  const mode = normalizeTfPadding(padding, sizes.dataFormat ?? 'NHWC');
  const axes = axesOf(sizes);
  return axes.map((g, a) => {
    const axisPadding = typeof mode === 'string' ? mode : mode[a];
    checkTransposeOutputSize({
      name: `outputSize[${a}]`,
      axis: a === 0 ? 'height' : 'width',
      outputSize: g.o,
      inputSize: g.i,
      kernel: g.k,
      stride: g.s,
      padding: axisPadding,
      dilation: g.d,
    });
    if (mode === 'SAME') return samePadding(g.i, g.o, effectiveKernelSize(g.k, g.d), g.s);
    return mode === 'VALID' ? [0, 0] : mode[a];
  }) as SpatialPadding;
}

/**
 * The TF explicit padding equivalent to PyTorch's `(padding, outputPadding)`: `[p, p − outputPadding]` per
 * axis, in the data format's order (with the output size PyTorch computes, the values are identical).
 */
export function torchToTfPadding(
  padding: number | Pair,
  outputPadding: number | Pair = 0,
  dataFormat: DataFormat = 'NHWC',
): ExplicitPadding {
  const p = checkPair('padding', padding, 0);
  const op = checkPair('outputPadding', outputPadding, 0);
  const spatial = p.map((pa, a) => {
    if (op[a] > pa) {
      throw new Error(
        `no TF explicit padding equals PyTorch padding ${pa}, outputPadding ${op[a]} on the ${a === 0 ? 'height' : 'width'} axis: ` +
          `it would need ${pa - op[a]} after, and TF paddings cannot be negative (the extra ${op[a] - pa} row(s) receive no kernel tap); ` +
          `use convTranspose2d, or TF padding [${pa}, 0] and zero-pad the result by ${op[a] - pa} at the end`,
      );
    }
    return [pa, pa - op[a]] as Pair;
  });
  return dataFormat === 'NHWC' ? [[0, 0], spatial[0], spatial[1], [0, 0]] : [[0, 0], [0, 0], spatial[0], spatial[1]];
}

/** PyTorch's `padding` and `outputPadding` per axis `[h, w]`. */
export interface TorchPadding {
  padding: Pair;
  outputPadding: Pair;
}

/**
 * The PyTorch `(padding, outputPadding)` equivalent to a TF padding for the given sizes; throws where none
 * exists (TF crops more after than before, e.g. 'SAME' with kernel 5, stride 2).
 */
export function tfToTorchPadding(padding: TfPadding, sizes: TransposeSizes): TorchPadding {
  const resolved = resolveTfPadding(padding, sizes);
  const result: TorchPadding = { padding: [0, 0], outputPadding: [0, 0] };
  axesOf(sizes).forEach((g, a) => {
    const [before, after] = resolved[a];
    const full = (g.i - 1) * g.s + effectiveKernelSize(g.k, g.d);
    const op = g.o - full + 2 * before;
    const axis = a === 0 ? 'height' : 'width';
    if (op < 0) {
      throw new Error(
        `no PyTorch padding equals TF padding ${describe(padding)} on the ${axis} axis: TF crops ${before} before and ${after} after, ` +
          `and PyTorch crops its padding from both sides and adds outputPadding only at the end, so it cannot crop more after than before; ` +
          `use padding ${before}, outputPadding 0 and drop the last ${-op} row(s) of the result`,
      );
    }
    if (op >= Math.max(g.s, g.d)) {
      throw new Error(
        `no PyTorch padding equals TF padding ${describe(padding)} on the ${axis} axis: it would need padding ${before}, ` +
          `outputPadding ${op}, and PyTorch requires outputPadding < max(stride, dilation) = ${Math.max(g.s, g.d)}; ` +
          `use padding ${before}, outputPadding 0 and zero-pad ${op} row(s) at the end`,
      );
    }
    result.padding[a] = before;
    result.outputPadding[a] = op;
  });
  return result;
}
