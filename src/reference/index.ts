/** Readable transposed convolutions on plain arrays: three independent views that explain the op and serve as test oracles. */
export { scatter } from './scatter';
export { zeroInsertion } from './zero_insertion';
export { matrix } from './matrix';
export { convolutionMatrix } from './convolution_matrix';
export type { ConvolutionMatrixOptions } from './convolution_matrix';
export { plainTensor } from './plain_tensor';
export type { PlainTensor } from './plain_tensor';
export type { TransposeOptions } from './geometry';
