/** The payload types, generated from the contract's JSON schemas (deconvlab-contract). */
export type {
  ConvArithmeticPayload,
  FeatureMapsPayload,
  ImageGridPayload,
  TrainingHistory,
  TrainingPayload,
  TrainingQuality,
} from 'deconvlab-contract';
