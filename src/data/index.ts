/** Datasets for the DCGAN tutorials, in memory and deterministic. */
export { mnist } from './mnist';
export type { MnistOptions } from './mnist';
export { fashionMnist, FASHION_MNIST_CLASSES } from './fashion_mnist';
export type { FashionMnistOptions } from './fashion_mnist';
export type { IdxDatasetOptions } from './idx_image_set';
export { shapes, SHAPE_KINDS } from './shapes';
export type { ShapesOptions } from './shapes';
export { ImageSet } from './image_set';
export type { Batch, BatchOptions } from './image_set';
export { shuffledIndices, mix32 } from './shuffle';
