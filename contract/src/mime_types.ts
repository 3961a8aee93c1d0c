import convArithmetic from '../schema/conv-arithmetic.schema.json';
import featureMaps from '../schema/feature-maps.schema.json';
import imageGrid from '../schema/image-grid.schema.json';
import training from '../schema/training.schema.json';

/** The vendor MIME type of each view: each schema's `title`, so the schemas stay the one source. */
export const MIME_TYPES = {
  featureMaps: featureMaps.title,
  imageGrid: imageGrid.title,
  convArithmetic: convArithmetic.title,
  training: training.title,
} as const;

/** A view name: a key of {@link MIME_TYPES}. */
export type View = keyof typeof MIME_TYPES;

/** The payload version builders write and renderers read. */
export const PAYLOAD_VERSION = 1;
