import * as tf from '@tensorflow/tfjs-node';
import { transposeAxes, type TransposeAxis } from '../arithmetic';
import { checkInt, checkPair, describe, type Pair } from '../check';
import { conv2dTranspose } from './conv2d_transpose';
import type { ExplicitPadding } from './padding';
import { fromTorchWeight } from './torch_weight';

/** Options of {@link convTranspose2d}, as `torch.nn.functional.conv_transpose2d`'s keyword arguments. */
export interface ConvTranspose2dOptions {
  /** Stride, an int or `[sH, sW]` (default 1). */
  stride?: number | Pair;
  /** Rows/columns cropped from both sides of the full output (the forward convolution's padding), int or pair (default 0). */
  padding?: number | Pair;
  /** Extra rows/columns at the bottom/right, smaller than max(stride, dilation) (default 0). */
  outputPadding?: number | Pair;
  /** Spacing between kernel taps, int or pair (default 1). */
  dilation?: number | Pair;
  /** Channel groups: input and output channels split into `groups` independent blocks (default 1). */
  groups?: number;
  /** Per-output-channel bias `[outChannels]` (default none). */
  bias?: tf.Tensor | null;
}

/**
 * PyTorch keeps rows [p, p + o) of the full transposed output (size F = (i − 1)s + d(k − 1) + 1), zero
 * beyond F. Per axis: TF explicit padding [p, p − op] with TF output size o when p ≥ op; otherwise
 * [p, 0] (size F − p) and `trailing` zero rows appended; when p ≥ F no input reaches the output, so the
 * last full row is kept (padding [F − 1, 0]), dropped, and o zero rows appended.
 */
interface TorchAxis {
  tfPadding: Pair;
  tfOutSize: number;
  drop: number;
  trailing: number;
}

/** PyTorch-convention geometry of both spatial axes, as TF explicit padding plus zero rows (see {@link runTorchNhwc}). */
export interface TorchPlan {
  stride: Pair;
  dilation: Pair;
  axes: [TorchAxis, TorchAxis];
}

function planAxis({ fullSize: full, outputSize: o, padding: [p], outputPadding: op }: TransposeAxis): TorchAxis {
  if (p >= full) return { tfPadding: [full - 1, 0], tfOutSize: 1, drop: 1, trailing: o };
  const trailing = Math.max(op - p, 0);
  return { tfPadding: [p, p - op + trailing], tfOutSize: o - trailing, drop: 0, trailing };
}

/** Checks PyTorch's stride/padding/outputPadding/dilation (int or pair) for an input `[h, w]` and kernel `[kh, kw]`. */
export function planTorchAxes(inSize: Pair, kernel: Pair, options: ConvTranspose2dOptions): TorchPlan {
  const stride = checkPair('stride', options.stride ?? 1, 1);
  const [ph, pw] = checkPair('padding', options.padding ?? 0, 0);
  const dilation = checkPair('dilation', options.dilation ?? 1, 1);
  const outputPadding = checkPair('outputPadding', options.outputPadding ?? 0, 0);
  const padding = [
    [ph, ph],
    [pw, pw],
  ] as const;
  const axes = transposeAxes({ inputSize: inSize, kernel, stride, padding, outputPadding, dilation });
  return { stride, dilation, axes: [planAxis(axes[0]), planAxis(axes[1])] };
}

function planTorch(input: tf.Tensor, weight: tf.Tensor, options: ConvTranspose2dOptions, groups: number): TorchPlan {
  if (input.rank !== 4 && input.rank !== 3) {
    throw new Error(
      `input must be rank 4 [batch, inChannels, height, width] (NCHW) or rank 3 without the batch, got shape ${describe(input.shape)}`,
    );
  }
  if (weight.rank !== 4)
    throw new Error(`weight must be rank 4 [inChannels, outChannels/groups, kH, kW], got shape ${describe(weight.shape)}`);
  const [inC, inH, inW] = input.shape.slice(input.rank - 3);
  const [wIn, outPer, kh, kw] = weight.shape;
  if (inC !== wIn) {
    throw new Error(
      `input has ${inC} channels but weight.shape[0] is ${wIn}: the weight is [inChannels, outChannels/groups, kH, kW] (got ${describe(weight.shape)})`,
    );
  }
  if (inC % groups !== 0) throw new Error(`input channels ${inC} must be divisible by groups ${groups}`);
  const bias = options.bias;
  if (bias != null && (bias.rank !== 1 || bias.shape[0] !== outPer * groups)) {
    throw new Error(`bias must have shape [${outPer * groups}] (outChannels = weight.shape[1] * groups), got ${describe(bias.shape)}`);
  }
  return planTorchAxes([inH, inW], [kh, kw], options);
}

/** A PyTorch-convention transposed convolution of an NHWC input with a TF-layout filter `[kH, kW, outC, inC]`. */
export function runTorchNhwc(x: tf.Tensor4D, filter: tf.Tensor4D, p: TorchPlan): tf.Tensor4D {
  const [h, w] = p.axes;
  const batch = x.shape[0];
  const outC = filter.shape[2];
  const explicit: ExplicitPadding = [[0, 0], h.tfPadding, w.tfPadding, [0, 0]];
  return tf.tidy(() => {
    const y = conv2dTranspose(x, filter, [batch, h.tfOutSize, w.tfOutSize, outC], p.stride, explicit, 'NHWC', p.dilation);
    const kept = h.drop + w.drop === 0 ? y : tf.slice(y, [0, h.drop, w.drop, 0], [batch, h.tfOutSize - h.drop, w.tfOutSize - w.drop, outC]);
    if (h.trailing + w.trailing === 0) return kept;
    return tf.pad(kept, [
      [0, 0],
      [0, h.trailing],
      [0, w.trailing],
      [0, 0],
    ]);
  });
}

/**
 * Transposed 2-D convolution with the semantics of PyTorch's `torch.nn.functional.conv_transpose2d`:
 * NCHW `input` (or CHW), `weight` `[inChannels, outChannels/groups, kH, kW]`, output size
 * (i − 1)s − 2p + d(k − 1) + outputPadding + 1. Runs on the same kernel as {@link conv2dTranspose}.
 */
export function convTranspose2d(input: tf.Tensor4D, weight: tf.Tensor, options?: ConvTranspose2dOptions): tf.Tensor4D;
/** Rank-3 `input` (CHW, no batch axis) gives a rank-3 result. */
export function convTranspose2d(input: tf.Tensor3D, weight: tf.Tensor, options?: ConvTranspose2dOptions): tf.Tensor3D;
/** Any tensor (e.g. `tf.randomNormal([1, 8, 5, 5])`, typed `Tensor<Rank>`): the rank is checked at run time. */
export function convTranspose2d(input: tf.Tensor, weight: tf.Tensor, options?: ConvTranspose2dOptions): tf.Tensor;
export function convTranspose2d(input: tf.Tensor, weight: tf.Tensor, options: ConvTranspose2dOptions = {}): tf.Tensor {
  const groups = checkInt('groups', options.groups ?? 1, 1);
  const p = planTorch(input, weight, options, groups);
  return tf.tidy(() => {
    const x4 = (input.rank === 4 ? input : tf.expandDims(input, 0)) as tf.Tensor4D;
    const x = tf.transpose(x4, [0, 2, 3, 1]);
    const weights = groups === 1 ? [weight] : tf.split(weight, groups, 0);
    const inputs = groups === 1 ? [x] : tf.split(x, groups, 3);
    const parts = inputs.map((xg, g) => runTorchNhwc(xg as tf.Tensor4D, fromTorchWeight(weights[g] as tf.Tensor4D), p));
    const joined = parts.length === 1 ? parts[0] : tf.concat(parts, 3);
    const biased = options.bias == null ? joined : tf.add(joined, options.bias);
    const y = tf.transpose(biased, [0, 3, 1, 2]);
    return input.rank === 4 ? y : tf.squeeze(y, [0]);
  });
}
