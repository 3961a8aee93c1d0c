/**
 * `deconv.show`: the display helpers. Each builds a bundle (vendor JSON for the deconvlab JupyterLab
 * extension, SVG and text fallbacks) and sends it through the display sink at once.
 */
import type * as tf from '@tensorflow/tfjs-node';
import type { TraceConfig } from '../trace';
import { arithmeticBundle } from './arithmetic';
import { emitDisplay } from './display_sink';
import { featureMapsBundle, type FeatureMapsOptions } from './feature_maps';
import { imagesBundle, type ImagesOptions } from './images';
import { tableBundle, type TableOptions } from './table';
import { TrainingDisplay, type TrainingDisplayOptions } from './training_display';

/** Shows the channels of one `[H, W, C]` (or `[1, H, W, C]`) activation as a grid of heatmaps. */
export function featureMaps(x: tf.Tensor, options: FeatureMapsOptions = {}): void {
  emitDisplay({ kind: 'display', data: featureMapsBundle(x, options) });
}

/** Shows `[N, H, W, 1|3]` images (values in [-1, 1] or [0, 1]) as a grid with optional captions. */
export function images(x: tf.Tensor, options: ImagesOptions = {}): void {
  emitDisplay({ kind: 'display', data: imagesBundle(x, options) });
}

/** Shows the move-diagram player of a convolution or transposed convolution (config as `deconv.trace`). */
export function arithmetic(config: TraceConfig, options: { title?: string } = {}): void {
  emitDisplay({ kind: 'display', data: arithmeticBundle(config, options) });
}

/** Shows rows as an HTML table (numbers right-aligned and rounded to `digits`), with console.table's text as the plain fallback. */
export function table(rows: unknown, options: TableOptions = {}): void {
  emitDisplay({ kind: 'display', data: tableBundle(rows, options) });
}

/** Shows a live GAN training dashboard and returns its handle; call `update(point)` per step and `close()` at the end. */
export function training(options: TrainingDisplayOptions = {}): TrainingDisplay {
  return new TrainingDisplay(options);
}
