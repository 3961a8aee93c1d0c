import { checkInt, checkPair, type Pair } from '../check';
import { type Padding2D, toPadding2D } from './geometry';
import { offset4, type PlainTensor } from './plain_tensor';

/** Options of the forward convolution whose matrix is built. */
export interface ConvolutionMatrixOptions {
  /** Stride (default 1). */
  stride?: number | Pair;
  /** Padding: a number, `[ph, pw]` or `[[top, bottom], [left, right]]` (default 0). */
  padding?: number | Pair | Padding2D;
  /** Dilation (default 1). */
  dilation?: number | Pair;
  /** Channel groups (default 1). */
  groups?: number;
  /** Output size to build rows for (default: the convolution's own, ⌊(i + p_before + p_after − d(k − 1) − 1)/s⌋ + 1). */
  outputSize?: number | Pair;
}

/**
 * The matrix C of a 2-D convolution, so that `C · x` (x flattened HWC, row-major) is the convolution's
 * output flattened HWC: shape `[outH·outW·outC, H·W·C]`. The filter is TF's conv layout
 * `[kh, kw, C/groups, outC]` (the same array as a transposed convolution's `[kh, kw, outC/groups, inC]`).
 * Its transpose Cᵀ is the transposed convolution.
 */
export function convolutionMatrix(
  inputShape: [number, number, number],
  filter: PlainTensor,
  options: ConvolutionMatrixOptions = {},
): PlainTensor {
  const [h, w, c] = inputShape.map((v, i) => checkInt(`inputShape[${i}]`, v, 1));
  if (filter.shape.length !== 4) {
    throw new Error(`filter must have rank 4 [kh, kw, inChannels/groups, outChannels], got shape [${filter.shape.join(', ')}]`);
  }
  const [kh, kw, inPerGroup, outC] = filter.shape;
  const groups = checkInt('groups', options.groups ?? 1, 1);
  if (inPerGroup * groups !== c || outC % groups !== 0) {
    throw new Error(
      `filter [${filter.shape.join(', ')}] with groups ${groups} needs ${inPerGroup * groups} input channels and out channels divisible by groups; the input has ${c} channels`,
    );
  }
  const stride = checkPair('stride', options.stride ?? 1, 1);
  const dilation = checkPair('dilation', options.dilation ?? 1, 1);
  const padding = toPadding2D('padding', options.padding ?? 0);
  const inSize: Pair = [h, w];
  const kernel: Pair = [kh, kw];
  const outSize =
    options.outputSize === undefined
      ? ([0, 1].map(
          (d) => Math.floor((inSize[d] + padding[d][0] + padding[d][1] - dilation[d] * (kernel[d] - 1) - 1) / stride[d]) + 1,
        ) as Pair)
      : checkPair('outputSize', options.outputSize, 1);
  if (outSize[0] < 1 || outSize[1] < 1) {
    throw new Error(
      `the convolution's output must be non-empty: input [${h}, ${w}] + padding is smaller than the dilated kernel [${kernel.join(', ')}]`,
    );
  }
  const rows = outSize[0] * outSize[1] * outC;
  const cols = h * w * c;
  const data = new Array<number>(rows * cols).fill(0);
  const outPerGroup = outC / groups;
  const outShape = [1, outSize[0], outSize[1], outC];
  const inShape = [1, h, w, c];
  for (let oy = 0; oy < outSize[0]; oy++)
    for (let ox = 0; ox < outSize[1]; ox++)
      for (let co = 0; co < outC; co++) {
        const row = offset4(outShape, 0, oy, ox, co);
        const group = Math.floor(co / outPerGroup);
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * stride[0] + ky * dilation[0] - padding[0][0];
          if (iy < 0 || iy >= h) continue; // this tap reads padding
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * stride[1] + kx * dilation[1] - padding[1][0];
            if (ix < 0 || ix >= w) continue;
            for (let cl = 0; cl < inPerGroup; cl++) {
              const col = offset4(inShape, 0, iy, ix, group * inPerGroup + cl);
              data[row * cols + col] = filter.data[offset4(filter.shape, ky, kx, cl, co)];
            }
          }
        }
      }
  return { shape: [rows, cols], data };
}
