/**
 * Geometry shared by the reference implementations and the traces: size pairs, padding, and the
 * shape of a transposed convolution. Which configurations are valid and their sizes come from the one
 * geometry, `transposeAxes` in ../arithmetic.ts; the references compute the values their own way.
 */
import { transposeAxes } from '../arithmetic';
import { checkInt, checkPair, describe, type Pair } from '../check';
import type { PlainTensor } from './plain_tensor';

export type { Pair };

/** Explicit padding per spatial dimension: `[[top, bottom], [left, right]]`. */
export type Padding2D = [Pair, Pair];

/** Options of a transposed convolution, the forward convolution's view (as PyTorch's `conv_transpose2d`). */
export interface TransposeOptions {
  /** Stride s of the forward convolution (default 1). */
  stride?: number | Pair;
  /** The forward convolution's padding: a number, `[ph, pw]` or `[[top, bottom], [left, right]]` (default 0). */
  padding?: number | Pair | Padding2D;
  /** Dilation d (default 1). */
  dilation?: number | Pair;
  /** Extra output rows/columns at the bottom/right, less than max(stride, dilation) (default 0). */
  outputPadding?: number | Pair;
  /** Channel groups; both channel counts must divide by it (default 1). */
  groups?: number;
}

/** The validated shape of a transposed convolution of an NHWC input with a `[kh, kw, outC/groups, inC]` filter. */
export interface TransposeGeometry {
  batch: number;
  inSize: Pair;
  inChannels: number;
  kernelSize: Pair;
  outChannels: number;
  groups: number;
  stride: Pair;
  padding: Padding2D;
  dilation: Pair;
  outputPadding: Pair;
  /** Dilated kernel extent d(k − 1) + 1. */
  effectiveKernelSize: Pair;
  /** s(i − 1) + d(k − 1) + 1 − p_before − p_after + outputPadding. */
  outSize: Pair;
}

/** Normalises padding given as a number, `[ph, pw]` or `[[top, bottom], [left, right]]` (non-negative integers). */
export function toPadding2D(name: string, value: number | Pair | Padding2D): Padding2D {
  if (Array.isArray(value) && value.length === 2 && Array.isArray(value[0]) && Array.isArray(value[1])) {
    const [h, w] = value as Padding2D;
    return [checkPair(`${name}[0]`, h, 0), checkPair(`${name}[1]`, w, 0)];
  }
  if (Array.isArray(value) && value.some((v) => Array.isArray(v))) {
    throw new Error(`${name} must be a number, [ph, pw] or [[top, bottom], [left, right]], got ${describe(value)}`);
  }
  const [ph, pw] = checkPair(name, value as number | Pair, 0);
  return [
    [ph, ph],
    [pw, pw],
  ];
}

/** Validates a transposed convolution of `x` (NHWC) with `filter` (`[kh, kw, outC/groups, inC]`) and derives its output size. */
export function transposeGeometry(x: PlainTensor, filter: PlainTensor, options: TransposeOptions = {}): TransposeGeometry {
  checkRank('input', x, 4, '[batch, height, width, channels]');
  checkRank('filter', filter, 4, '[kh, kw, outChannels/groups, inChannels]');
  const [batch, ih, iw, inChannels] = x.shape;
  const [kh, kw, outPerGroup, filterIn] = filter.shape;
  const groups = checkInt('groups', options.groups ?? 1, 1);
  if (filterIn !== inChannels) {
    throw new Error(`filter.shape[3] (inChannels) must equal the input's channels: ${filterIn} != ${inChannels}`);
  }
  if (inChannels % groups !== 0) {
    throw new Error(`input channels must divide by groups: ${inChannels} channels, groups ${groups}`);
  }
  for (const [name, v] of [
    ['kernel height', kh],
    ['kernel width', kw],
    ['filter out channels', outPerGroup],
    ['input height', ih],
    ['input width', iw],
    ['input channels', inChannels],
    ['batch', batch],
  ] as const) {
    checkInt(name, v, 1);
  }
  const stride = checkPair('stride', options.stride ?? 1, 1);
  const dilation = checkPair('dilation', options.dilation ?? 1, 1);
  const padding = toPadding2D('padding', options.padding ?? 0);
  const outputPadding = checkPair('outputPadding', options.outputPadding ?? 0, 0);
  const kernelSize: Pair = [kh, kw];
  const inSize: Pair = [ih, iw];
  const axes = transposeAxes({ inputSize: inSize, kernel: kernelSize, stride, padding, outputPadding, dilation });
  const effectiveKernelSize: Pair = [axes[0].effectiveKernelSize, axes[1].effectiveKernelSize];
  const outSize: Pair = [axes[0].outputSize, axes[1].outputSize];
  return {
    batch,
    inSize,
    inChannels,
    kernelSize,
    outChannels: outPerGroup * groups,
    groups,
    stride,
    padding,
    dilation,
    outputPadding,
    effectiveKernelSize,
    outSize,
  };
}

function checkRank(name: string, t: PlainTensor, rank: number, layout: string): void {
  if (t.shape.length !== rank) {
    throw new Error(`${name} must have rank ${rank} ${layout}, got shape [${t.shape.join(', ')}]`);
  }
  const size = t.shape.reduce((a, b) => a * b, 1);
  if (t.data.length !== size) {
    throw new Error(`${name} has shape [${t.shape.join(', ')}] (${size} values) but ${t.data.length} values`);
  }
}
