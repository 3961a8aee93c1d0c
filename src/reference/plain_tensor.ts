/**
 * The plain-array tensor the reference implementations read and write: a shape and its values,
 * flat and row-major (images NHWC, filters `[kh, kw, outChannels/groups, inChannels]`).
 */
export interface PlainTensor {
  shape: number[];
  data: number[];
}

/** Builds a {@link PlainTensor}, checking that `data` holds exactly the product of `shape` numbers. */
export function plainTensor(shape: number[], data: ArrayLike<number>): PlainTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`plainTensor: every dimension must be a non-negative integer, got shape [${shape.join(', ')}]`);
  }
  if (data.length !== size) {
    throw new Error(`plainTensor: shape [${shape.join(', ')}] needs ${size} values, got ${data.length}; pass data of that length`);
  }
  return { shape: [...shape], data: Array.from(data) };
}

/** Flat row-major offset of the index `[a, b, c, d]` in a rank-4 shape. */
export function offset4(shape: number[], a: number, b: number, c: number, d: number): number {
  return ((a * shape[1] + b) * shape[2] + c) * shape[3] + d;
}
