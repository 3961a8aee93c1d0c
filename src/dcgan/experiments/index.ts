/**
 * The DCGAN paper's experiments (Radford et al. 2015, Figs. 4–7 and Tables 1–2) on any sequential generator /
 * discriminator of deconv.dcgan (built or loaded). Design: whatever needs a model's inside (feature maps, dropped
 * channels, gated rectifiers) re-runs the model's own layers eagerly in inference mode (forward_layers.ts) instead of
 * building a second tf.LayersModel over them, so the model's graph, weights and serialisation stay untouched.
 */
export { latentWalk } from './latent_walk';
export type { LatentWalkOptions, LatentWalk } from './latent_walk';
export { interpolate } from './interpolate';
export type { InterpolationMode } from './interpolate';
export { vectorArithmetic } from './vector_arithmetic';
export type { VectorArithmeticOptions, VectorArithmetic } from './vector_arithmetic';
export { dropChannels } from './drop_channels';
export type { DroppedGenerator } from './drop_channels';
export { forgetConcept } from './forget_concept';
export type { ForgetConceptOptions, ForgottenConcept } from './forget_concept';
export { guidedBackprop } from './guided_backprop';
export type { GuidedBackpropOptions } from './guided_backprop';
export { adaptiveMaxPool } from './adaptive_max_pool';
export { discriminatorFeatures, featureLayers } from './discriminator_features';
export type { DiscriminatorFeaturesOptions } from './discriminator_features';
export { LinearClassifier, fitLinearClassifier } from './linear_classifier';
export type { LinearClassifierOptions } from './linear_classifier';
export { balancedSubset } from './balanced_subset';
export type { LabelledImages } from './labelled_images';
export { generate } from './generate';
export { conditionalSamples } from './conditional_samples';
export type { ConditionalSamplesOptions } from './conditional_samples';
export { nearestNeighbourError } from './nearest_neighbour_error';
export type { NearestNeighbourOptions, NearestNeighbourResult } from './nearest_neighbour_error';
export { quality } from './quality';
export type { QualityOptions, Quality } from './quality';
export { qualityClassifier, loadQualityClassifier, classifierFeatures, classifierDirectory } from './quality_classifier';
export type { QualityDataset } from './quality_classifier';
export { frechetDistance, featureMoments } from './frechet_distance';
export { kernelDistance } from './kernel_distance';
export { precisionRecall } from './precision_recall';
export { symmetricEigen } from './symmetric_eigen';
export type { FeatureMatrix } from './feature_matrix';
export { fitLinearSvm, LinearSvm } from './linear_svm';
export type { LinearSvmOptions } from './linear_svm';
export { featureProtocol, compareRows, PAPER_CS, DEFAULT_CS } from './feature_protocol';
export type { FeatureProtocolOptions, FeatureExtractor, ProtocolRow, RowComparison } from './feature_protocol';
export { withBatchNormStatistics, cloneSequential } from './batch_norm_statistics';
export { fitKmeansFeatures } from './kmeans_features';
export type { KmeansFeaturesOptions, KmeansFeatures } from './kmeans_features';
export { trainSupervisedCnn } from './supervised_cnn';
export type { SupervisedCnnOptions } from './supervised_cnn';
