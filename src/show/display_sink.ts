/**
 * The seam between the module and whatever shows its output.
 *
 * `src/` knows nothing of Jupyter: display helpers hand a {@link DisplayMessage} to the sink
 * registered on `globalThis` (the kernel registers one at preload); outside a kernel the
 * default sink prints the `text/plain` fallback. The sink lives on a global symbol so that
 * every copy of the module loaded in one process reaches the same kernel.
 */

/** A MIME bundle: MIME type → data (a string for text and base64 images, a JSON value for `+json` types). */
export type MimeBundle = Record<string, unknown>;

/** One request to the front end: show a bundle, replace a shown one by id, or clear the cell's output. */
export type DisplayMessage =
  | { kind: 'display'; data: MimeBundle; metadata?: Record<string, unknown>; displayId?: string }
  | { kind: 'update'; data: MimeBundle; metadata?: Record<string, unknown>; displayId: string }
  | { kind: 'clear'; wait: boolean };

/** Receives display requests; the kernel's sink turns them into `display_data`, `update_display_data` and `clear_output`. */
export type DisplaySink = (message: DisplayMessage) => void;

const SINK_KEY = Symbol.for('deconvlab.displaySink');
const LISTENERS_KEY = Symbol.for('deconvlab.displayListeners');

type SinkHolder = { [SINK_KEY]?: DisplaySink; [LISTENERS_KEY]?: Set<DisplaySink> };

/** Calls `listener` with every display message from now on (before the sink gets it); returns a function that stops it. */
export function addDisplayListener(listener: DisplaySink): () => void {
  const holder = globalThis as SinkHolder;
  const listeners = (holder[LISTENERS_KEY] ??= new Set());
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Registers the process-wide sink (or removes it with `undefined`, restoring the console fallback). */
export function setDisplaySink(sink: DisplaySink | undefined): void {
  (globalThis as SinkHolder)[SINK_KEY] = sink;
}

/** Sends one message to the registered sink, or prints its text fallback when none is registered. */
export function emitDisplay(message: DisplayMessage): void {
  for (const listener of (globalThis as SinkHolder)[LISTENERS_KEY] ?? []) listener(message);
  const sink = (globalThis as SinkHolder)[SINK_KEY];
  if (sink) {
    sink(message);
  } else if (message.kind !== 'clear') {
    const text = message.data['text/plain'];
    console.log(typeof text === 'string' ? text : JSON.stringify(message.data));
  }
}
