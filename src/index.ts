/** deconvlab: transposed convolution explained and made fast on tfjs-node. */
export { setDisplaySink, emitDisplay } from './show/display_sink';
export type { MimeBundle, DisplayMessage, DisplaySink } from './show/display_sink';
export * as reference from './reference';
export { trace } from './trace';
export type {
  TraceConfig, Trace, TraceGrid, TraceValues, SlideView, SlideStep, ScatterView, ScatterStep,
} from './trace';
export { summary } from './summary';
export type { SummaryOptions } from './summary';
