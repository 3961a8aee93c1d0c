/** DCGAN (Radford, Metz & Chintala 2015): the paper's networks, a fast seeded training loop and atomic checkpoints. */
export { generator, BATCH_NORM, batchNormLayer } from './generator';
export { discriminator, LEAKY_SLOPE } from './discriminator';
export { architecture } from './architecture';
export { conditionLatent, conditionImages } from './condition';
export type { Labels } from './condition';
export type { ArchitectureOptions, Architecture, Stage } from './architecture';
export { train, latentBatch, newTrainHistory } from './train';
export type { TrainOptions, TrainHistory, StepRecord, EpochRecord } from './train';
export { trainStep } from './train_step';
export { LayerChain } from './layer_chain';
export { Adam } from './adam';
export type { AdamConfig, AdamState } from './adam';
export { saveCheckpoint, loadCheckpoint, latestCheckpoint, writeCheckpointFiles, commitCheckpoint, checkpointName } from './checkpoint';
export type { CheckpointContents, CheckpointState, LoadedCheckpoint } from './checkpoint';
