import { type Pair, transposeGeometry, type TransposeOptions } from './geometry';
import { offset4, type PlainTensor } from './plain_tensor';

/**
 * Transposed convolution as a "fractionally strided" convolution (Dumoulin & Visin 2016): insert
 * `stride − 1` zeros between input pixels, pad by `d(k − 1) − p` before and `d(k − 1) − p + a` after
 * (a negative amount crops), then convolve with the kernel rotated by 180°, stride 1, same dilation.
 * `x` is NHWC, `filter` `[kh, kw, outC/groups, inC]`; small inputs only.
 */
export function zeroInsertion(x: PlainTensor, filter: PlainTensor, options: TransposeOptions = {}): PlainTensor {
  const g = transposeGeometry(x, filter, options);
  const spread = insertZeros(x, g.stride);
  const before: Pair = [0, 1].map((d) => g.dilation[d] * (g.kernelSize[d] - 1) - g.padding[d][0]) as Pair;
  const after: Pair = [0, 1].map((d) => g.dilation[d] * (g.kernelSize[d] - 1) - g.padding[d][1] + g.outputPadding[d]) as Pair;
  const padded = padOrCrop(spread, before, after);
  return convolveStride1(padded, rotate180(filter), g.dilation, g.groups);
}

/** Puts `stride − 1` zero rows/columns between neighbouring pixels: size s(i − 1) + 1. */
function insertZeros(x: PlainTensor, stride: Pair): PlainTensor {
  const [n, h, w, c] = x.shape;
  const shape = [n, stride[0] * (h - 1) + 1, stride[1] * (w - 1) + 1, c];
  const data = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++)
        for (let ch = 0; ch < c; ch++) {
          data[offset4(shape, b, y * stride[0], xx * stride[1], ch)] = x.data[offset4(x.shape, b, y, xx, ch)];
        }
  return { shape, data };
}

/** Adds `before`/`after` zero rows and columns; a negative amount removes rows/columns instead. */
function padOrCrop(x: PlainTensor, before: Pair, after: Pair): PlainTensor {
  const [n, h, w, c] = x.shape;
  const shape = [n, h + before[0] + after[0], w + before[1] + after[1], c];
  const data = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < shape[1]; y++)
      for (let xx = 0; xx < shape[2]; xx++) {
        const sy = y - before[0];
        const sx = xx - before[1];
        if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;
        for (let ch = 0; ch < c; ch++) data[offset4(shape, b, y, xx, ch)] = x.data[offset4(x.shape, b, sy, sx, ch)];
      }
  return { shape, data };
}

/** The kernel rotated by 180° in its two spatial dimensions. */
function rotate180(filter: PlainTensor): PlainTensor {
  const [kh, kw, co, ci] = filter.shape;
  const data = new Array<number>(filter.data.length);
  for (let y = 0; y < kh; y++)
    for (let xx = 0; xx < kw; xx++)
      for (let a = 0; a < co; a++)
        for (let b = 0; b < ci; b++) {
          data[offset4(filter.shape, y, xx, a, b)] = filter.data[offset4(filter.shape, kh - 1 - y, kw - 1 - xx, a, b)];
        }
  return { shape: [...filter.shape], data };
}

/** A plain grouped convolution, stride 1, no padding; filter `[kh, kw, outC/groups, inC]` read as inC → outC. */
function convolveStride1(x: PlainTensor, filter: PlainTensor, dilation: Pair, groups: number): PlainTensor {
  const [n, h, w, inC] = x.shape;
  const [kh, kw, outPerGroup] = filter.shape;
  const shape = [n, h - dilation[0] * (kh - 1), w - dilation[1] * (kw - 1), outPerGroup * groups];
  const data = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  const inPerGroup = inC / groups;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < shape[1]; oy++)
      for (let ox = 0; ox < shape[2]; ox++)
        for (let co = 0; co < shape[3]; co++) {
          const group = Math.floor(co / outPerGroup);
          let sum = 0;
          for (let ky = 0; ky < kh; ky++)
            for (let kx = 0; kx < kw; kx++)
              for (let ci = group * inPerGroup; ci < (group + 1) * inPerGroup; ci++) {
                const v = x.data[offset4(x.shape, b, oy + ky * dilation[0], ox + kx * dilation[1], ci)];
                sum += v * filter.data[offset4(filter.shape, ky, kx, co % outPerGroup, ci)];
              }
          data[offset4(shape, b, oy, ox, co)] = sum;
        }
  return { shape, data };
}
