/** Parsing of TF-style convolution arguments (data format, strides, dilations), checked before any tensor work. */
import { checkInt, describe, type Pair } from '../check';

/** Tensor layout: batch, height, width, channels or batch, channels, height, width. */
export type DataFormat = 'NHWC' | 'NCHW';

/** Checks the data format is 'NHWC' or 'NCHW'. */
export function checkDataFormat(dataFormat: unknown): DataFormat {
  if (dataFormat === 'NHWC' || dataFormat === 'NCHW') return dataFormat;
  throw new Error(`dataFormat must be 'NHWC' or 'NCHW', got ${describe(dataFormat)}`);
}

/**
 * Reads TF's strides or dilations: an int, or a list of 1, 2 or 4 ints (4 in data-format order, with 1 for
 * the batch and channel dimensions), as a checked `[h, w]` pair.
 */
export function parseTfSpatial(name: string, value: unknown, dataFormat: DataFormat): Pair {
  if (typeof value === 'number') {
    const v = checkInt(name, value, 1);
    return [v, v];
  }
  if (Array.isArray(value)) {
    if (value.length === 1) return parseTfSpatial(name, value[0], dataFormat);
    if (value.length === 2) return [checkInt(`${name}[0]`, value[0], 1), checkInt(`${name}[1]`, value[1], 1)];
    if (value.length === 4) {
      const [h, w] = dataFormat === 'NHWC' ? [1, 2] : [2, 3];
      const [n, c] = dataFormat === 'NHWC' ? [0, 3] : [0, 1];
      if (value[n] !== 1 || value[c] !== 1) {
        throw new Error(
          `${name} for the batch and channel dimensions must be 1, got ${describe(value)} (${dataFormat} order): ` +
            `pass ${dataFormat === 'NHWC' ? `[1, ${name}H, ${name}W, 1]` : `[1, 1, ${name}H, ${name}W]`} or [${name}H, ${name}W]`,
        );
      }
      return [checkInt(`${name}[${h}]`, value[h], 1), checkInt(`${name}[${w}]`, value[w], 1)];
    }
  }
  throw new Error(`${name} must be an int or a list of 1, 2 or 4 ints, got ${describe(value)}`);
}
