import * as tf from '@tensorflow/tfjs-node';
import { LIMITS } from 'deconvlab-contract';
import type { MimeBundle } from './display_sink';
import { imageGridSvg } from './image_grid_svg';
import { MIME_TYPES } from './mime_types';
import type { ImageGridPayload } from './payloads';

/** Options of {@link imagesBundle}. */
export interface ImagesOptions {
  /** One caption per image. */
  captions?: string[];
  /** Grid columns (default: about the square root of the count, at most 16). */
  columns?: number;
  /** Heading shown above the grid. */
  title?: string;
  /**
   * The value range mapped to black..white; default [-1, 1] when any value is negative, else [0, 1] (or
   * [0, 255] when a value exceeds 1). 'each' stretches every image's own min..max to black..white
   * (contrast stretch: small differences become visible, absolute levels are lost; say so in the title).
   */
  range?: [number, number] | 'each';
}

const { maxCount: MAX_COUNT, maxSide: MAX_SIDE, maxBytes: MAX_BYTES } = LIMITS.imageGrid;

/** The `[N, H, W, C]` shape of an image batch (`[H, W, C]` is one image), or an error saying what to pass. */
function batchShape(x: tf.Tensor): [number, number, number, 1 | 3] {
  const shape = x.shape.length === 3 ? [1, ...x.shape] : x.shape;
  const [n, h, w, c] = shape;
  if (shape.length !== 4 || (c !== 1 && c !== 3)) {
    throw new Error(
      `images: expected a tensor of shape [N, H, W, 1|3] or [H, W, 1|3], got [${x.shape.join(', ')}]; for [N, H, W] add a channel axis with x.expandDims(-1)`,
    );
  }
  if (n > MAX_COUNT || h > MAX_SIDE || w > MAX_SIDE || n * h * w * c > MAX_BYTES) {
    throw new Error(
      `images: ${n} images of ${h}x${w}x${c} exceed the display limits (N <= ${MAX_COUNT}, H, W <= ${MAX_SIDE}, N*H*W*C <= ${MAX_BYTES}); show fewer or smaller images`,
    );
  }
  return [n, h, w, c];
}

/** The default range for `values`, see {@link ImagesOptions.range}. */
function guessRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  if (lo < 0) return [-1, 1];
  return hi > 1 ? [0, 255] : [0, 1];
}

/** Maps values to bytes over `range`, clipping outside it; NaN maps to 0. */
function toBytes(values: ArrayLike<number>, [lo, hi]: [number, number]): Uint8Array {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new Error(`images: range must be two finite numbers [lo, hi] with lo < hi, or 'each', got [${lo}, ${hi}]`);
  }
  const bytes = new Uint8Array(values.length);
  const k = 255 / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const q = Math.round((values[i] - lo) * k);
    bytes[i] = q > 255 ? 255 : q > 0 ? q : 0;
  }
  return bytes;
}

/** Maps each of `count` images over its own finite min..max (a constant image becomes mid grey). */
function stretchEach(values: ArrayLike<number>, count: number): Uint8Array {
  const size = values.length / count;
  const bytes = new Uint8Array(values.length);
  for (let n = 0; n < count; n++) {
    const image = Array.prototype.slice.call(values, n * size, (n + 1) * size) as number[];
    const finite = image.filter(Number.isFinite);
    const lo = finite.length ? Math.min(...finite) : 0;
    const hi = finite.length ? Math.max(...finite) : 0;
    bytes.set(hi > lo ? toBytes(image, [lo, hi]) : new Uint8Array(size).fill(128), n * size);
  }
  return bytes;
}

/** The image-grid payload of an image batch (also the training dashboard's sample grid). */
export function imageGridPayload(x: tf.Tensor, options: ImagesOptions = {}): ImageGridPayload {
  const [count, height, width, channels] = batchShape(x);
  const columns = options.columns ?? Math.min(16, Math.ceil(Math.sqrt(count)));
  if (!Number.isInteger(columns) || columns < 1 || columns > MAX_COUNT) {
    throw new Error(`images: columns must be an integer in 1..${MAX_COUNT}, got ${columns}`);
  }
  const captions = options.captions?.map(String);
  if (captions && captions.length !== count) {
    throw new Error(`images: ${captions.length} captions for ${count} images; pass one caption per image`);
  }
  const values = x.dataSync();
  const bytes = options.range === 'each' ? stretchEach(values, count) : toBytes(values, options.range ?? guessRange(values));
  const payload: ImageGridPayload = {
    version: 1,
    ...(options.title !== undefined && { title: String(options.title) }),
    count,
    height,
    width,
    channels,
    columns,
    ...(captions && { captions }),
    data: Buffer.from(bytes).toString('base64'),
  };
  return payload;
}

/** Builds the image-grid bundle (vendor JSON, SVG with the images, title and captions, text) of `[N, H, W, 1|3]` images. */
export function imagesBundle(x: tf.Tensor, options: ImagesOptions = {}): MimeBundle {
  const payload = imageGridPayload(x, options);
  const named = (payload.captions ?? []).filter((c) => c);
  const captions = named.length ? ` (${named.slice(0, 16).join(', ')}${named.length > 16 ? ', …' : ''})` : '';
  const text = `${payload.title ? `${payload.title}: ` : ''}${payload.count} image${payload.count === 1 ? '' : 's'} of ${payload.height}x${payload.width}x${payload.channels}${captions}`;
  return { [MIME_TYPES.imageGrid]: payload, 'image/svg+xml': imageGridSvg(payload, text), 'text/plain': text };
}
