import convArithmeticSchema from './schema/conv-arithmetic.schema.json';
import featureMapsSchema from './schema/feature-maps.schema.json';
import imageGridSchema from './schema/image-grid.schema.json';
import trainingSchema from './schema/training.schema.json';

/** The vendor MIME types of the four views; each schema's `title` is its MIME type, so the schemas stay the one source. */
export const MIME_TYPES = {
  featureMaps: featureMapsSchema.title,
  imageGrid: imageGridSchema.title,
  convArithmetic: convArithmeticSchema.title,
  training: trainingSchema.title,
} as const;
