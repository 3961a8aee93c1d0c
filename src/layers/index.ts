/** deconvlab's tfjs layers. */
export { conv2dTranspose, Conv2DTranspose } from './conv2d_transpose';
export type { Conv2DTransposeArgs, InitializerSpec } from './conv2d_transpose';
