import { transposeGeometry, type TransposeOptions } from './geometry';
import { offset4, type PlainTensor } from './plain_tensor';

/**
 * Transposed convolution as scatter: every input pixel stamps the kernel, scaled by its value, onto
 * the output at `stride × position − padding`; overlapping stamps add up and stamps beyond the
 * output's edges are cut away. `x` is NHWC, `filter` `[kh, kw, outC/groups, inC]`; small inputs only.
 */
export function scatter(x: PlainTensor, filter: PlainTensor, options: TransposeOptions = {}): PlainTensor {
  const g = transposeGeometry(x, filter, options);
  const [oh, ow] = g.outSize;
  const outShape = [g.batch, oh, ow, g.outChannels];
  const out = new Array<number>(outShape.reduce((a, b) => a * b, 1)).fill(0);
  const inPerGroup = g.inChannels / g.groups;
  const outPerGroup = g.outChannels / g.groups;
  for (let n = 0; n < g.batch; n++) {
    for (let iy = 0; iy < g.inSize[0]; iy++) {
      for (let ix = 0; ix < g.inSize[1]; ix++) {
        for (let ci = 0; ci < g.inChannels; ci++) {
          const value = x.data[offset4(x.shape, n, iy, ix, ci)];
          const group = Math.floor(ci / inPerGroup);
          // The stamp of kernel cell (ky, kx) lands where the forward convolution read this pixel.
          for (let ky = 0; ky < g.kernelSize[0]; ky++) {
            const oy = iy * g.stride[0] + ky * g.dilation[0] - g.padding[0][0];
            if (oy < 0 || oy >= oh) continue;
            for (let kx = 0; kx < g.kernelSize[1]; kx++) {
              const ox = ix * g.stride[1] + kx * g.dilation[1] - g.padding[1][0];
              if (ox < 0 || ox >= ow) continue;
              for (let c = 0; c < outPerGroup; c++) {
                const w = filter.data[offset4(filter.shape, ky, kx, c, ci)];
                out[offset4(outShape, n, oy, ox, group * outPerGroup + c)] += value * w;
              }
            }
          }
        }
      }
    }
  }
  return { shape: outShape, data: out };
}
