import * as tf from '@tensorflow/tfjs-node';
import { checkTransposeOutputSize, effectiveKernelSize } from '../arithmetic';
import { checkInt, describe, type Pair } from '../check';
import { type TensorInput, toTensor } from '../tensor_input';
import { dilateFilter } from './dilate_filter';
import { normalizeTfPadding, samePadding, type SpatialPadding, type TfPadding } from './padding';
import { checkDataFormat, type DataFormat, parseTfSpatial } from './tf_args';

/** Everything a transposed convolution needs, validated: NHWC-ordered sizes and the padding to apply. */
interface Plan {
  batch: number;
  inSize: Pair;
  outSize: Pair;
  outChannels: number;
  strides: Pair;
  dilations: Pair;
  /** 'SAME'/'VALID' run directly on the kernel; explicit amounts run VALID and crop. */
  padding: 'SAME' | 'VALID' | SpatialPadding;
}

function checkRanks(value: tf.Tensor, filter: tf.Tensor, dataFormat: DataFormat): void {
  if (value.rank !== 4 && value.rank !== 3) {
    const layout = dataFormat === 'NHWC' ? '[batch, height, width, inChannels]' : '[batch, inChannels, height, width]';
    throw new Error(`value must be rank 4 ${layout} (${dataFormat}) or rank 3 without the batch, got shape ${describe(value.shape)}`);
  }
  if (filter.rank !== 4) {
    throw new Error(`filter must be rank 4 [height, width, outChannels, inChannels], got shape ${describe(filter.shape)}`);
  }
  for (const [name, t] of [
    ['value', value],
    ['filter', filter],
  ] as const) {
    if (t.dtype !== 'float32') throw new Error(`${name} must be float32, got ${t.dtype}: cast it with tf.cast(${name}, 'float32')`);
  }
}

/** Reads value and outputShape in their layout and checks them against the filter and each other. */
function plan(
  value: tf.Tensor,
  filter: tf.Tensor,
  outputShape: readonly number[],
  strides: unknown,
  padding: unknown,
  dataFormat: DataFormat,
  dilations: unknown,
): Plan {
  checkRanks(value, filter, dataFormat);
  const nhwc = dataFormat === 'NHWC';
  const shape = value.rank === 4 ? value.shape : [1, ...value.shape];
  const [batch, inH, inW, inC] = nhwc ? shape : [shape[0], shape[2], shape[3], shape[1]];
  const [kh, kw, filterOut, filterIn] = filter.shape;
  if (inC !== filterIn) {
    throw new Error(
      `value has ${inC} input channels but filter.shape[3] is ${filterIn}: the filter is [height, width, outChannels, inChannels] ` +
        `(got ${describe(filter.shape)}); if yours is [height, width, inChannels, outChannels], pass tf.transpose(filter, [0, 1, 3, 2])`,
    );
  }
  if (!Array.isArray(outputShape) || (outputShape.length !== value.rank && outputShape.length !== 2)) {
    throw new Error(
      `outputShape must list ${value.rank} sizes like value (${dataFormat} order) or just [height, width], got ${describe(outputShape)}`,
    );
  }
  const full = outputShape.length === 2 ? null : value.rank === 4 ? outputShape : [batch, ...outputShape];
  const [outN, outH, outW, outC] =
    full === null ? [batch, outputShape[0], outputShape[1], filterOut] : nhwc ? full : [full[0], full[2], full[3], full[1]];
  const offset = value.rank === 4 ? 0 : -1;
  const [hIndex, wIndex, cIndex] = full === null ? [0, 1, -1] : (nhwc ? [1, 2, 3] : [2, 3, 1]).map((i) => i + offset);
  if (outN !== batch) {
    throw new Error(
      `outputShape[0]=${describe(outN)} must equal the batch size of value (${batch}): TF's output_shape includes the batch; ` +
        `pass value.shape[0] there, or only [height, width]`,
    );
  }
  if (outC !== filterOut) {
    throw new Error(
      `outputShape[${cIndex}]=${describe(outC)} must equal the filter's outChannels, filter.shape[2] = ${filterOut} ` +
        `(filter is [height, width, outChannels, inChannels])`,
    );
  }
  const s = parseTfSpatial('strides', strides, dataFormat);
  const d = parseTfSpatial('dilations', dilations, dataFormat);
  const pad = normalizeTfPadding(padding, dataFormat);
  const outSize: Pair = [checkInt(`outputShape[${hIndex}]`, outH, 1), checkInt(`outputShape[${wIndex}]`, outW, 1)];
  const inSize: Pair = [inH, inW];
  [kh, kw].forEach((k, a) =>
    checkTransposeOutputSize({
      name: `outputShape[${a === 0 ? hIndex : wIndex}]`,
      axis: a === 0 ? 'height' : 'width',
      outputSize: outSize[a],
      inputSize: inSize[a],
      kernel: k,
      stride: s[a],
      padding: typeof pad === 'string' ? pad : pad[a],
      dilation: d[a],
    }),
  );
  return {
    batch,
    inSize,
    outSize,
    outChannels: filterOut,
    strides: s,
    dilations: d,
    padding: simplify(pad, inSize, outSize, [kh, kw], s, d),
  };
}

/** Explicit padding that equals what 'SAME' or 'VALID' would pad runs on the kernel directly. */
function simplify(pad: 'SAME' | 'VALID' | SpatialPadding, inSize: Pair, outSize: Pair, kernel: Pair, s: Pair, d: Pair): Plan['padding'] {
  if (typeof pad === 'string') return pad;
  if (pad.every(([b, a]) => b === 0 && a === 0)) return 'VALID';
  // 'SAME' also requires ⌈o/s⌉ = i, which explicit padding does not.
  const sameValid = [0, 1].every((a) => Math.ceil(outSize[a] / s[a]) === inSize[a]);
  const same = [0, 1].map((a) => samePadding(inSize[a], outSize[a], effectiveKernelSize(kernel[a], d[a]), s[a]));
  return sameValid && pad.every((p, a) => p[0] === same[a][0] && p[1] === same[a][1]) ? 'SAME' : pad;
}

/** The transposed convolution of an NHWC rank-4 input on tfjs-node's Conv2DBackpropInput kernel. */
function runNhwc(x: tf.Tensor4D, filter: tf.Tensor4D, p: Plan): tf.Tensor4D {
  const f = dilateFilter(filter, p.dilations);
  if (typeof p.padding === 'string') {
    const mode = p.padding === 'SAME' ? 'same' : 'valid';
    return tf.conv2dTranspose(x, f, [p.batch, p.outSize[0], p.outSize[1], p.outChannels], p.strides, mode);
  }
  const [[top, bottom], [left, right]] = p.padding;
  const padded: [number, number, number, number] = [p.batch, p.outSize[0] + top + bottom, p.outSize[1] + left + right, p.outChannels];
  const uncropped = tf.conv2dTranspose(x, f, padded, p.strides, 'valid');
  return tf.slice(uncropped, [0, top, left, 0], [p.batch, p.outSize[0], p.outSize[1], p.outChannels]);
}

/** The arguments after `value` and `filter`, in TF's order. */
type Conv2dTransposeArgs = [
  outputShape: readonly number[],
  strides: number | readonly number[],
  padding?: TfPadding,
  dataFormat?: DataFormat,
  dilations?: number | readonly number[],
];

/**
 * Transposed 2-D convolution with the semantics of TF 2's `tf.nn.conv2d_transpose`: the gradient of
 * `conv2d` with respect to its input. `filter` is `[height, width, outChannels, inChannels]` (the seed
 * article's `[batch, k_width, out_channels, in_channels]` is wrong); `outputShape` is the full output
 * shape in `dataFormat` order (or just `[height, width]`) and must convolve back to `value`'s size;
 * `strides`/`dilations` are an int or a list of 1, 2 or 4; `padding` is 'SAME', 'VALID' or explicit
 * `[[0, 0], [top, bottom], [left, right], [0, 0]]` (`[[0, 0], [0, 0], [top, bottom], [left, right]]` in NCHW).
 * Rank-3 `value` (no batch) gives a rank-3 result. Takes tensors of any declared rank and checks ranks at run time;
 * differentiable with respect to `value` and `filter`.
 */
export function conv2dTranspose(value: tf.Tensor4D, filter: TensorInput, ...args: Conv2dTransposeArgs): tf.Tensor4D;
/** Rank-3 `value` (one example, no batch axis) gives a rank-3 result. */
export function conv2dTranspose(value: tf.Tensor3D, filter: TensorInput, ...args: Conv2dTransposeArgs): tf.Tensor3D;
/** Any tensor (e.g. `tf.ones([1, 4, 4, 1])`, typed `Tensor<Rank>`) or nested arrays: the rank is checked at run time. */
export function conv2dTranspose(value: TensorInput, filter: TensorInput, ...args: Conv2dTransposeArgs): tf.Tensor;
export function conv2dTranspose(
  value: TensorInput,
  filter: TensorInput,
  outputShape: readonly number[],
  strides: number | readonly number[],
  padding: TfPadding = 'SAME',
  dataFormat: DataFormat = 'NHWC',
  dilations: number | readonly number[] = 1,
): tf.Tensor {
  if (!(value instanceof tf.Tensor) || !(filter instanceof tf.Tensor)) {
    return tf.tidy(() => conv2dTranspose(toTensor(value), toTensor(filter), outputShape, strides, padding, dataFormat, dilations));
  }
  const format = checkDataFormat(dataFormat);
  const p = plan(value, filter, outputShape, strides, padding, format, dilations);
  if (format === 'NHWC' && typeof p.padding === 'string' && p.dilations[0] === 1 && p.dilations[1] === 1) {
    // The common case: straight onto the kernel, as a bare tf.conv2dTranspose call.
    const shape = value.rank === 4 ? [p.batch, p.outSize[0], p.outSize[1], p.outChannels] : [p.outSize[0], p.outSize[1], p.outChannels];
    const x = value as tf.Tensor3D | tf.Tensor4D;
    return tf.conv2dTranspose(
      x,
      filter as tf.Tensor4D,
      shape as [number, number, number],
      p.strides,
      p.padding === 'SAME' ? 'same' : 'valid',
    );
  }
  return tf.tidy(() => {
    const x4 = (value.rank === 4 ? value : tf.expandDims(value, 0)) as tf.Tensor4D;
    const f = filter as tf.Tensor4D;
    const y = format === 'NHWC' ? runNhwc(x4, f, p) : tf.transpose(runNhwc(tf.transpose(x4, [0, 2, 3, 1]), f, p), [0, 3, 1, 2]);
    return value.rank === 4 ? y : tf.squeeze(y, [0]);
  });
}
