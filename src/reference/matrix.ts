import { convolutionMatrix } from './convolution_matrix';
import { transposeGeometry, type TransposeOptions } from './geometry';
import type { PlainTensor } from './plain_tensor';

/**
 * Transposed convolution as a matrix product: build the matrix C of the forward convolution (output
 * size → input size) explicitly and multiply each flattened input by Cᵀ. `x` is NHWC, `filter`
 * `[kh, kw, outC/groups, inC]`; small inputs only (C has outH·outW·outC × inH·inW·inC entries).
 */
export function matrix(x: PlainTensor, filter: PlainTensor, options: TransposeOptions = {}): PlainTensor {
  const g = transposeGeometry(x, filter, options);
  const c = convolutionMatrix([g.outSize[0], g.outSize[1], g.outChannels], filter, {
    stride: g.stride,
    padding: g.padding,
    dilation: g.dilation,
    groups: g.groups,
    outputSize: g.inSize,
  });
  const [rows, cols] = c.shape;
  const data: number[] = [];
  for (let n = 0; n < g.batch; n++) {
    const y = x.data.slice(n * rows, (n + 1) * rows);
    for (let col = 0; col < cols; col++) {
      let sum = 0;
      for (let row = 0; row < rows; row++) sum += c.data[row * cols + col] * y[row];
      data.push(sum);
    }
  }
  return { shape: [g.batch, g.outSize[0], g.outSize[1], g.outChannels], data };
}
