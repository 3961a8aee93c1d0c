import convArithmetic from '../schema/conv-arithmetic.schema.json';
import featureMaps from '../schema/feature-maps.schema.json';
import imageGrid from '../schema/image-grid.schema.json';
import training from '../schema/training.schema.json';

/** Bytes a base64 string of `length` characters holds at most. */
const base64Bytes = (length: number): number => (length / 4) * 3;

/**
 * The size caps every payload obeys, read from the schemas (the one source): the builders refuse larger
 * inputs with a readable error, the renderers reject larger payloads.
 */
export const LIMITS = {
  featureMaps: {
    maxSide: featureMaps.properties.height.maximum,
    maxChannels: featureMaps.properties.channels.maximum,
    /** height·width·channels: the bytes base64 `data` can hold. */
    maxValues: base64Bytes(featureMaps.properties.data.maxLength),
  },
  imageGrid: {
    maxCount: imageGrid.properties.count.maximum,
    maxSide: imageGrid.properties.height.maximum,
    /** count·height·width·channels: the bytes base64 `data` can hold. */
    maxBytes: base64Bytes(imageGrid.properties.data.maxLength),
  },
  convArithmetic: {
    /** Largest grid, canvas or output side the player draws (rows of `cells`). */
    maxGrid: convArithmetic.definitions.grid.properties.cells.maxItems,
    maxSteps: convArithmetic.definitions.steps.maxItems,
  },
  training: {
    /** Points per history series. */
    maxHistory: training.definitions.series.maxItems,
  },
} as const;
