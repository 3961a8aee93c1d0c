/** deconvlab: transposed convolution explained and made fast on tfjs-node. */
export { setDisplaySink, emitDisplay } from './show/display_sink';
export type { MimeBundle, DisplayMessage, DisplaySink } from './show/display_sink';
