/**
 * Convolution arithmetic: output sizes of convolution and transposed convolution in the TensorFlow
 * convention ('SAME' / 'VALID' / explicit padding, where a transposed convolution accepts several
 * output sizes) and the PyTorch convention (`padding` + `outputPadding`, one output size), the
 * relations 1–15 of Dumoulin & Visin, "A guide to convolution arithmetic for deep learning" (2016),
 * and the checkerboard criterion of Odena, Dumoulin & Olah (2016). Pure functions on numbers.
 *
 * Notation: i input size, k kernel, s stride, p padding, d dilation, o output size; i′ and o′ are the
 * input and output of the transposed convolution; k_eff = d(k − 1) + 1 is the dilated kernel extent.
 */
import { checkInt, checkPair, describe, type Pair } from './check';

/**
 * Padding of one spatial axis: TF's `'SAME'` / `'VALID'` (either case), a number p padded on both sides
 * (PyTorch, Dumoulin & Visin), or explicit `[before, after]` amounts.
 */
export type AxisPadding = 'SAME' | 'VALID' | 'same' | 'valid' | number | readonly [number, number];

/** The dilated kernel extent k_eff = d(k − 1) + 1. */
export function effectiveKernelSize(kernel: number, dilation = 1): number {
  return checkInt('dilation', dilation, 1) * (checkInt('kernel', kernel, 1) - 1) + 1;
}

type CheckedPadding = 'SAME' | 'VALID' | [number, number];

function checkPadding(padding: unknown): CheckedPadding {
  if (typeof padding === 'string') {
    const mode = padding.toUpperCase();
    if (mode === 'SAME' || mode === 'VALID') return mode;
  } else if (typeof padding === 'number') {
    const p = checkInt('padding', padding, 0);
    return [p, p];
  } else if (Array.isArray(padding) && padding.length === 2) {
    return [checkInt('padding[0] (before)', padding[0], 0), checkInt('padding[1] (after)', padding[1], 0)];
  }
  throw new Error(`padding must be 'SAME', 'VALID', a non-negative integer or a [before, after] pair, got ${describe(padding)}`);
}

/** Formats a padding for messages: `SAME`, `VALID`, `2` or `[1, 2]`. */
export function paddingLabel(padding: AxisPadding): string {
  const p = checkPadding(padding);
  if (typeof p === 'string') return p;
  return p[0] === p[1] ? String(p[0]) : `[${p[0]}, ${p[1]}]`;
}

/**
 * Output size of a convolution: SAME ⌈i/s⌉, VALID ⌈(i − k_eff + 1)/s⌉, explicit or symmetric padding
 * ⌊(i + p_before + p_after − k_eff)/s⌋ + 1 (TF's explicit padding; a number p is PyTorch's `conv2d`);
 * 0 when the kernel does not fit in the padded input.
 */
export function convOutputSize(inputSize: number, kernel: number, stride: number, padding: AxisPadding, dilation = 1): number {
  const i = checkInt('inputSize', inputSize, 1);
  const s = checkInt('stride', stride, 1);
  const kEff = effectiveKernelSize(kernel, dilation);
  const p = checkPadding(padding);
  if (p === 'SAME') return Math.ceil(i / s);
  const total = p === 'VALID' ? 0 : p[0] + p[1];
  return Math.max(0, Math.floor((i + total - kEff) / s) + 1);
}

/**
 * Every output size TF's `conv2d_transpose` accepts for transposed-input size i′: the sizes o whose
 * convolution gives back i′. SAME: s(i′ − 1) + 1 … s·i′; VALID: s(i′ − 1) + k_eff … s(i′ − 1) + k_eff + s − 1;
 * explicit padding (total P): s(i′ − 1) + k_eff − P … that + s − 1 (sizes ≥ 1 only).
 */
export function validTransposeOutputSizes(inputSize: number, kernel: number, stride: number, padding: AxisPadding, dilation = 1): number[] {
  const i = checkInt('inputSize', inputSize, 1);
  const s = checkInt('stride', stride, 1);
  const kEff = effectiveKernelSize(kernel, dilation);
  const p = checkPadding(padding);
  const lowest = p === 'SAME' ? s * (i - 1) + 1 : s * (i - 1) + kEff - (p === 'VALID' ? 0 : p[0] + p[1]);
  const sizes: number[] = [];
  for (let o = Math.max(1, lowest); o <= lowest + s - 1; o++) sizes.push(o);
  return sizes;
}

/**
 * The output size Keras and tfjs-layers give a transposed convolution without output padding:
 * SAME i′·s, VALID i′·s + max(k_eff − s, 0).
 */
export function kerasTransposeOutputSize(
  inputSize: number,
  kernel: number,
  stride: number,
  padding: 'SAME' | 'VALID' | 'same' | 'valid',
  dilation = 1,
): number {
  const i = checkInt('inputSize', inputSize, 1);
  const s = checkInt('stride', stride, 1);
  const kEff = effectiveKernelSize(kernel, dilation);
  const p = checkPadding(padding);
  if (p === 'SAME') return i * s;
  if (p === 'VALID') return i * s + Math.max(kEff - s, 0);
  throw new Error(`kerasTransposeOutputSize takes padding 'SAME' or 'VALID', got ${describe(padding)}`);
}

/** One axis of a transposed convolution in PyTorch's terms (padding a number, or `[before, after]`). */
export interface TransposeAxisConfig {
  inputSize: number;
  kernel: number;
  stride: number;
  /** The forward convolution's padding p, cropped from the full output; may exceed d(k − 1) (it then crops stamps). */
  padding: number | readonly [number, number];
  /** Extra rows at the end, < max(stride, dilation) (default 0). */
  outputPadding?: number;
  /** Default 1. */
  dilation?: number;
  /** Axis named in error messages, e.g. `height` (default none). */
  axis?: string;
}

/** A checked transposed-convolution axis: its parameters, the full (uncropped) size and the output size. */
export interface TransposeAxis {
  inputSize: number;
  kernel: number;
  stride: number;
  padding: [number, number];
  outputPadding: number;
  dilation: number;
  /** k_eff = d(k − 1) + 1. */
  effectiveKernelSize: number;
  /** Size every stamp covers before cropping: s(i′ − 1) + d(k − 1) + 1. */
  fullSize: number;
  /** o′ = s(i′ − 1) + d(k − 1) + 1 − p_before − p_after + outputPadding. */
  outputSize: number;
}

/**
 * Decides whether a transposed-convolution axis is valid (PyTorch's rules: outputPadding < max(s, d), a
 * positive output; padding beyond d(k − 1) crops and is accepted) and derives its sizes. The one geometry
 * behind the ops, the traces, the references' grid and the move diagrams.
 */
export function transposeAxis(c: TransposeAxisConfig): TransposeAxis {
  const inputSize = checkInt('inputSize', c.inputSize, 1);
  const stride = checkInt('stride', c.stride, 1);
  const dilation = checkInt('dilation', c.dilation ?? 1, 1);
  const kEff = effectiveKernelSize(c.kernel, dilation);
  const p = checkPadding(c.padding);
  if (typeof p === 'string')
    throw new Error(`a transposed convolution in PyTorch's terms takes a numeric padding, got ${describe(c.padding)}`);
  const on = c.axis === undefined ? '' : ` on the ${c.axis} axis`;
  const outputPadding = checkOutputPadding(c.outputPadding ?? 0, stride, dilation, on);
  const fullSize = (inputSize - 1) * stride + kEff;
  const outputSize = fullSize - p[0] - p[1] + outputPadding;
  if (outputSize < 1) {
    throw new Error(
      `transposed convolution output size (i - 1)s - 2p + d(k - 1) + outputPadding + 1 = ${outputSize} is not positive${on} ` +
        `(input ${inputSize}, kernel ${c.kernel}, stride ${stride}, padding ${paddingLabel(p)}, dilation ${dilation}): reduce the padding`,
    );
  }
  return { inputSize, kernel: c.kernel, stride, padding: p, outputPadding, dilation, effectiveKernelSize: kEff, fullSize, outputSize };
}

/** Both spatial axes of a transposed convolution, each `[height, width]`; padding per axis `[before, after]`. */
export interface TransposeAxesConfig {
  inputSize: Pair;
  kernel: Pair;
  stride: Pair;
  padding: readonly [readonly [number, number], readonly [number, number]];
  outputPadding: Pair;
  dilation: Pair;
}

/** {@link transposeAxis} on the height, then the width axis (errors name the axis). */
export function transposeAxes(c: TransposeAxesConfig): [TransposeAxis, TransposeAxis] {
  const axis = (a: 0 | 1, name: string): TransposeAxis =>
    transposeAxis({
      inputSize: c.inputSize[a],
      kernel: c.kernel[a],
      stride: c.stride[a],
      padding: c.padding[a],
      outputPadding: c.outputPadding[a],
      dilation: c.dilation[a],
      axis: name,
    });
  return [axis(0, 'height'), axis(1, 'width')];
}

/**
 * Output size of PyTorch's `conv_transpose2d`: o′ = (i′ − 1)s − 2p + d(k − 1) + outputPadding + 1
 * (a `[before, after]` padding subtracts before + after), with outputPadding < max(s, d).
 */
export function convTransposeOutputSize(
  inputSize: number,
  kernel: number,
  stride: number,
  padding: number | readonly [number, number],
  outputPadding = 0,
  dilation = 1,
): number {
  if (typeof padding === 'string') {
    throw new Error(
      `convTransposeOutputSize takes PyTorch's numeric padding, got ${describe(padding)}: use validTransposeOutputSizes for 'SAME'/'VALID'`,
    );
  }
  return transposeAxis({ inputSize, kernel, stride, padding, outputPadding, dilation }).outputSize;
}

/** Checks PyTorch's rule outputPadding < max(stride, dilation) and returns the output padding (`on` names the axis in the message). */
export function checkOutputPadding(outputPadding: number, stride: number, dilation: number, on = ''): number {
  const op = checkInt('outputPadding', outputPadding, 0);
  const limit = Math.max(stride, dilation);
  if (op >= limit) {
    throw new Error(
      `outputPadding must be smaller than max(stride, dilation) = ${limit}, got ${op}${on} (stride ${stride}, dilation ${dilation}): ` +
        `larger values would add rows that no input reaches; use outputPadding 0..${limit - 1}`,
    );
  }
  return op;
}

/** What a transposed-convolution output size is checked against, for error messages. */
export interface TransposeSizeCheck {
  /** Where the size came from, e.g. `outputShape[1]`. */
  name: string;
  /** Axis name used in the message, e.g. `height`. */
  axis: string;
  outputSize: number;
  inputSize: number;
  kernel: number;
  stride: number;
  padding: AxisPadding;
  dilation?: number;
}

/**
 * Throws unless `outputSize` convolves back to `inputSize` (TF's rule for `conv2d_transpose`), listing
 * the valid sizes, e.g. `outputShape[1]=9 is not reachable from input height 4 with stride 2, kernel 3,
 * padding SAME: valid heights are 7, 8`.
 */
export function checkTransposeOutputSize(c: TransposeSizeCheck): void {
  const dilation = c.dilation ?? 1;
  const o = checkInt(c.name, c.outputSize, 1);
  if (convOutputSize(o, c.kernel, c.stride, c.padding, dilation) === c.inputSize) return;
  const valid = validTransposeOutputSizes(c.inputSize, c.kernel, c.stride, c.padding, dilation);
  const params = `stride ${c.stride}, kernel ${c.kernel}${dilation > 1 ? `, dilation ${dilation}` : ''}, padding ${paddingLabel(c.padding)}`;
  const choices = valid.length > 0 ? `valid ${c.axis}s are ${valid.join(', ')}` : `no ${c.axis} is reachable; reduce the padding`;
  throw new Error(
    `${c.name}=${o} is not reachable from input ${c.axis} ${c.inputSize} with ${params}: ${choices} ` +
      `(a transposed convolution's output must convolve back to its input size)`,
  );
}

// Dumoulin & Visin, relations 1–15. Forward relations return o; transposed ones describe the
// equivalent stride-1 direct convolution on the zero-inserted input.

function forwardSize(i: number, k: number, s: number, p: number, d: number): number {
  checkInt('i', i, 1);
  checkInt('p', p, 0);
  const o = Math.floor((i + 2 * p - effectiveKernelSize(k, d)) / checkInt('s', s, 1)) + 1;
  if (o < 1)
    throw new Error(
      `kernel ${k} (dilation ${d}) does not fit input ${i} with padding ${p}: o = ${o}; use a smaller kernel or more padding`,
    );
  return o;
}

/** Half ("same") padding ⌊k/2⌋ of an odd kernel k = 2n + 1. */
function halfPadding(k: number): number {
  if (checkInt('k', k, 1) % 2 === 0) throw new Error(`half (same) padding needs an odd kernel k = 2n + 1, got k = ${k}`);
  return Math.floor(k / 2);
}

/** Relation 1 (no padding, unit stride): "o = (i − k) + 1". */
export function convNoPaddingUnitStride(i: number, k: number): number {
  return forwardSize(i, k, 1, 0, 1);
}

/** Relation 2 (padding p, unit stride): "o = (i − k) + 2p + 1". */
export function convPaddingUnitStride(i: number, k: number, p: number): number {
  return forwardSize(i, k, 1, p, 1);
}

/** Relation 3 (half padding, k = 2n + 1, p = ⌊k/2⌋, unit stride): "o = i". */
export function convHalfPadding(i: number, k: number): number {
  return forwardSize(i, k, 1, halfPadding(k), 1);
}

/** Relation 4 (full padding, p = k − 1, unit stride): "o = i + (k − 1)". */
export function convFullPadding(i: number, k: number): number {
  return forwardSize(i, k, 1, checkInt('k', k, 1) - 1, 1);
}

/** Relation 5 (no padding, stride s): "o = ⌊(i − k)/s⌋ + 1". */
export function convNoPaddingStrided(i: number, k: number, s: number): number {
  return forwardSize(i, k, s, 0, 1);
}

/** Relation 6 (padding p, stride s): "o = ⌊(i + 2p − k)/s⌋ + 1". */
export function convPaddingStrided(i: number, k: number, s: number, p: number): number {
  return forwardSize(i, k, s, p, 1);
}

/** Relation 7 (pooling, window k, stride s): "o = ⌊(i − k)/s⌋ + 1". */
export function poolingOutputSize(i: number, k: number, s: number): number {
  return forwardSize(i, k, s, 0, 1);
}

/** Relation 15 (dilation d): "o = ⌊(i + 2p − k − (k − 1)(d − 1))/s⌋ + 1". */
export function dilatedConvOutputSize(i: number, k: number, s: number, p: number, d: number): number {
  return forwardSize(i, k, s, p, d);
}

/** A transposed convolution seen as a stride-1 direct convolution with the same kernel on a zero-inserted, padded input. */
export interface EquivalentConvolution {
  /** Output size o′ of the transposed convolution. */
  outputSize: number;
  /** Zeros inserted between neighbouring input units: s − 1. */
  zerosBetween: number;
  /** Padding p′ = k − p − 1 on both sides of the zero-inserted input. */
  padding: number;
  /** Extra zeros a at the bottom/right (relation 14). */
  extraAfter: number;
}

function transposeEquivalent(iPrime: number, k: number, s: number, p: number, a: number): EquivalentConvolution {
  checkInt("i'", iPrime, 1);
  checkInt('k', k, 1);
  checkInt('s', s, 1);
  checkInt('p', p, 0);
  if (p > k - 1) throw new Error(`padding p = ${p} exceeds k - 1 = ${k - 1}: the equivalent padding p' = k - p - 1 would be negative`);
  if (checkInt('a', a, 0) >= s) throw new Error(`a = (i + 2p - k) mod s must be smaller than s = ${s}, got ${a}`);
  const outputSize = s * (iPrime - 1) + a + k - 2 * p;
  if (outputSize < 1) throw new Error(`o' = s(i' - 1) + a + k - 2p = ${outputSize} is not positive: reduce the padding`);
  return { outputSize, zerosBetween: s - 1, padding: k - p - 1, extraAfter: a };
}

/** Relation 8 (transpose of relation 1): "k′ = k, s′ = 1, p′ = k − 1, o′ = i′ + (k − 1)". */
export function transposeNoPaddingUnitStride(iPrime: number, k: number): EquivalentConvolution {
  return transposeEquivalent(iPrime, k, 1, 0, 0);
}

/** Relation 9 (transpose of relation 2): "k′ = k, s′ = 1, p′ = k − p − 1, o′ = i′ + (k − 1) − 2p". */
export function transposePaddingUnitStride(iPrime: number, k: number, p: number): EquivalentConvolution {
  return transposeEquivalent(iPrime, k, 1, p, 0);
}

/** Relation 10 (transpose of half padding, k = 2n + 1): "k′ = k, s′ = 1, p′ = p, o′ = i′". */
export function transposeHalfPadding(iPrime: number, k: number): EquivalentConvolution {
  return transposeEquivalent(iPrime, k, 1, halfPadding(k), 0);
}

/** Relation 11 (transpose of full padding): "k′ = k, s′ = 1, p′ = 0, o′ = i′ − (k − 1)". */
export function transposeFullPadding(iPrime: number, k: number): EquivalentConvolution {
  return transposeEquivalent(iPrime, k, 1, checkInt('k', k, 1) - 1, 0);
}

/** Relation 12 (transpose, no padding, stride s; ĩ′ = i′ with s − 1 zeros between units): "k′ = k, s′ = 1, p′ = k − 1, o′ = s(i′ − 1) + k". */
export function transposeNoPaddingStrided(iPrime: number, k: number, s: number): EquivalentConvolution {
  return transposeEquivalent(iPrime, k, s, 0, 0);
}

/** Relation 13 (transpose, padding p, stride s, when s divides i + 2p − k): "k′ = k, s′ = 1, p′ = k − p − 1, o′ = s(i′ − 1) + k − 2p". */
export function transposePaddingStrided(iPrime: number, k: number, s: number, p: number): EquivalentConvolution {
  return transposeEquivalent(iPrime, k, s, p, 0);
}

/** Relation 14 (general transpose, a = (i + 2p − k) mod s zeros added bottom/right): "o′ = s(i′ − 1) + a + k − 2p". */
export function transposeGeneral(iPrime: number, k: number, s: number, p: number, a: number): EquivalentConvolution {
  return transposeEquivalent(iPrime, k, s, p, a);
}

/** The extra term of relation 14 for a forward convolution of input size i: "a = (i + 2p − k) mod s". */
export function transposeExtra(i: number, k: number, s: number, p: number): number {
  forwardSize(i, k, s, p, 1);
  return (i + 2 * p - k) % s;
}

/** How unevenly a transposed convolution's kernel taps overlap in the output (Odena, Dumoulin & Olah 2016). */
export interface CheckerboardRisk {
  /** True when the kernel size is not divisible by the stride on some axis: the checkerboard pattern. */
  uneven: boolean;
  /** Kernel taps landing on an interior output cell, by output phase `[row mod s_h][col mod s_w]`. */
  overlap: number[][];
  /** Fewest taps on any interior output cell (0: some cells are never written, "holes"). */
  minOverlap: number;
  /** Most taps on any interior output cell. */
  maxOverlap: number;
  /** maxOverlap / minOverlap: 1 is even; Infinity when some cells get no taps. */
  ratio: number;
  /** One sentence for docs and notebooks. */
  note: string;
}

function axisOverlap(k: number, s: number): number[] {
  return Array.from({ length: s }, (_, r) => (r < k ? Math.floor((k - 1 - r) / s) + 1 : 0));
}

/**
 * Checkerboard risk of a transposed convolution: interior output cells receive ⌈k/s⌉ or ⌊k/s⌋ kernel taps
 * per axis depending on their phase, uneven unless s divides k (Odena et al. 2016).
 */
export function checkerboardRisk(kernel: number | [number, number], stride: number | [number, number]): CheckerboardRisk {
  const [kh, kw] = checkPair('kernel', kernel, 1);
  const [sh, sw] = checkPair('stride', stride, 1);
  const rows = axisOverlap(kh, sh);
  const cols = axisOverlap(kw, sw);
  const overlap = rows.map((r) => cols.map((c) => r * c));
  const flat = overlap.flat();
  const minOverlap = Math.min(...flat);
  const maxOverlap = Math.max(...flat);
  const ratio = minOverlap === 0 ? Infinity : maxOverlap / minOverlap;
  const uneven = kh % sh !== 0 || kw % sw !== 0;
  const shape = `kernel ${kh}x${kw}, stride ${sh}x${sw}`;
  const note = !uneven
    ? `${shape}: the stride divides the kernel, every output cell gets ${maxOverlap} taps (even overlap).`
    : minOverlap === 0
      ? `${shape}: the kernel is smaller than the stride, some output cells get no taps at all (holes).`
      : `${shape}: the stride does not divide the kernel, output cells get ${minOverlap} to ${maxOverlap} taps ` +
        `(ratio ${ratio.toFixed(2)}): expect checkerboard artifacts; prefer a kernel divisible by the stride or resize + convolution.`;
  return { uneven, overlap, minOverlap, maxOverlap, ratio, note };
}
