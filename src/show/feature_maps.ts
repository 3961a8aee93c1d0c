import * as tf from '@tensorflow/tfjs-node';
import { LIMITS } from 'deconvlab-contract';
import type { MimeBundle } from './display_sink';
import { featureMapsSvg } from './feature_maps_svg';
import { MIME_TYPES } from './mime_types';
import type { FeatureMapsPayload } from './payloads';

/** Options of {@link featureMapsBundle}. */
export interface FeatureMapsOptions {
  /** Heading shown above the maps. */
  title?: string;
  /** Name of the layer that produced the activation. */
  layer?: string;
  /** One colour range for all channels ('shared', default) or one per channel. */
  scale?: 'shared' | 'channel';
}

const { maxChannels: MAX_CHANNELS, maxSide: MAX_SIDE, maxValues: MAX_VALUES } = LIMITS.featureMaps;

/** The `[H, W, C]` shape of a feature-map tensor (`[1, H, W, C]` is accepted), or an error saying what to pass. */
function activationShape(x: tf.Tensor): [number, number, number] {
  const shape = x.shape;
  if (shape.length === 4 && shape[0] === 1) return [shape[1], shape[2], shape[3]];
  if (shape.length === 3) return [shape[0], shape[1], shape[2]];
  throw new Error(
    `featureMaps: expected one activation of shape [H, W, C] or [1, H, W, C], got [${shape.join(', ')}]; pick one example, e.g. x.slice([0, 0, 0, 0], [1, -1, -1, -1])`,
  );
}

/** Checks the size caps the schema and renderer enforce, with the actual sizes in the message. */
function checkCaps(height: number, width: number, channels: number): void {
  if (channels > MAX_CHANNELS || height > MAX_SIDE || width > MAX_SIDE || height * width * channels > MAX_VALUES) {
    throw new Error(
      `featureMaps: ${height}x${width}x${channels} exceeds the display limits (H, W <= ${MAX_SIDE}, C <= ${MAX_CHANNELS}, H*W*C <= ${MAX_VALUES}); slice the channels or resize first`,
    );
  }
}

/** Quantises channel-last values to channel-major uint8 with per-channel min/max, and collects per-channel means. */
function quantise(values: Float32Array | Int32Array | Uint8Array, height: number, width: number, channels: number) {
  const plane = height * width;
  const min = new Array<number>(channels).fill(Infinity);
  const max = new Array<number>(channels).fill(-Infinity);
  const sum = new Array<number>(channels).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new Error(
        `featureMaps: value ${v} at flat index ${i} is not finite; maps with NaN or Infinity cannot be shown, check the layer (e.g. tf.isNaN(x).any())`,
      );
    }
    const c = i % channels;
    if (v < min[c]) min[c] = v;
    if (v > max[c]) max[c] = v;
    sum[c] += v;
  }
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = i % channels;
    const range = max[c] - min[c];
    bytes[c * plane + Math.floor(i / channels)] = range > 0 ? Math.round(((values[i] - min[c]) / range) * 255) : 0;
  }
  return { bytes, min, max, mean: sum.map((s) => s / plane) };
}

/** Builds the feature-maps bundle (vendor JSON, SVG of the channels with title and colour bar, text) of one `[H, W, C]` activation. */
export function featureMapsBundle(x: tf.Tensor, options: FeatureMapsOptions = {}): MimeBundle {
  const [height, width, channels] = activationShape(x);
  checkCaps(height, width, channels);
  const scale = options.scale ?? 'shared';
  if (scale !== 'shared' && scale !== 'channel') {
    throw new Error(`featureMaps: scale must be 'shared' or 'channel', got ${JSON.stringify(scale)}`);
  }
  const { bytes, min, max, mean } = quantise(x.dataSync() as Float32Array, height, width, channels);
  const payload: FeatureMapsPayload = {
    version: 1,
    ...(options.title !== undefined && { title: String(options.title) }),
    ...(options.layer !== undefined && { layer: String(options.layer) }),
    height,
    width,
    channels,
    scale,
    data: Buffer.from(bytes).toString('base64'),
    min,
    max,
    mean,
  };
  const name = [options.title, options.layer].filter((s) => s !== undefined).join(' / ');
  const text = `Feature maps${name ? ` ${name}` : ''}: ${height}x${width}, ${channels} channels, values ${Math.min(...min).toPrecision(4)} .. ${Math.max(...max).toPrecision(4)} (${scale} scale)`;
  return { [MIME_TYPES.featureMaps]: payload, 'image/svg+xml': featureMapsSvg(payload, text), 'text/plain': text };
}
