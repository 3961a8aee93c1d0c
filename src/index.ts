/** deconvlab: transposed convolution explained and made fast on tfjs-node. */
// First: sets TF_ENABLE_ONEDNN_OPTS before any module below loads tfjs-node (and with it libtensorflow).
import './onednn';
export { setDisplaySink, emitDisplay, addDisplayListener } from './show/display_sink';
export type { MimeBundle, DisplayMessage, DisplaySink } from './show/display_sink';
export { setCellSignalProvider, cellSignal } from './cell_signal';
export type { CellSignalProvider } from './cell_signal';
export { setCommTransport } from './comm/registry';
export * as comm from './comm';
export type { Comm, CommMessage, CommTransport, CommEndpoint, CommMsgType, JsonObject } from './comm/types';
export { input, setInputProvider } from './input';
export type { InputOptions, InputProvider } from './input';
export { lastError, setLastError } from './last_error';
export * as reference from './reference';
export { trace } from './trace';
export type { TraceConfig, Trace, TraceGrid, TraceValues, SlideView, SlideStep, ScatterView, ScatterStep } from './trace';
export { summary } from './summary';
export type { SummaryOptions } from './summary';
export * as show from './show/show';
export { display, clearOutput, toMimeBundle } from './show/display';
export type { DisplayOptions } from './show/display';
export { featureMapsBundle } from './show/feature_maps';
export type { FeatureMapsOptions } from './show/feature_maps';
export { imagesBundle } from './show/images';
export type { ImagesOptions } from './show/images';
export { arithmeticBundle } from './show/arithmetic';
export { trainingBundle } from './show/training';
export { tableBundle } from './show/table';
export type { TableOptions } from './show/table';
export type { TrainingState, TrainingHistoryInput } from './show/training';
export type { TrainingDisplay, TrainingDisplayOptions, TrainingPoint } from './show/training_display';
export { MIME_TYPES } from './show/mime_types';
export type { FeatureMapsPayload, ImageGridPayload, ConvArithmeticPayload, TrainingPayload, TrainingHistory } from './show/payloads';
export { conv2dTranspose } from './ops/conv2d_transpose';
export { convTranspose2d } from './ops/conv_transpose2d';
export type { ConvTranspose2dOptions } from './ops/conv_transpose2d';
export { fromTorchWeight, toTorchWeight } from './ops/torch_weight';
export { normalizeTfPadding, resolveTfPadding, samePadding, torchToTfPadding, tfToTorchPadding } from './ops/padding';
export type { ExplicitPadding, TfPadding, SpatialPadding, TransposeSizes, TorchPadding } from './ops/padding';
export type { DataFormat } from './ops/tf_args';
export {
  effectiveKernelSize,
  convOutputSize,
  validTransposeOutputSizes,
  kerasTransposeOutputSize,
  convTransposeOutputSize,
  transposeAxis,
  transposeAxes,
  checkOutputPadding,
  checkTransposeOutputSize,
  paddingLabel,
  checkerboardRisk,
  convNoPaddingUnitStride,
  convPaddingUnitStride,
  convHalfPadding,
  convFullPadding,
  convNoPaddingStrided,
  convPaddingStrided,
  poolingOutputSize,
  dilatedConvOutputSize,
  transposeNoPaddingUnitStride,
  transposePaddingUnitStride,
  transposeHalfPadding,
  transposeFullPadding,
  transposeNoPaddingStrided,
  transposePaddingStrided,
  transposeGeneral,
  transposeExtra,
} from './arithmetic';
export type {
  AxisPadding,
  TransposeAxisConfig,
  TransposeAxis,
  TransposeAxesConfig,
  TransposeSizeCheck,
  EquivalentConvolution,
  CheckerboardRisk,
} from './arithmetic';
export * as dcgan from './dcgan';
export * as experiments from './dcgan/experiments';
export * as data from './data';
export * as layers from './layers';
export * as widgets from './widgets';
