/**
 * A cell's last value as a MIME bundle. deconvlab's `toMimeBundle` decides (the value's own
 * `[Symbol.for("Jupyter.display")]()` bundle, as in Deno's kernel; a tensor summary; inspect text),
 * except that a string result keeps its quotes, as REPLs show values.
 */
import type { MimeBundle } from 'deconvlab';
import { inspect } from 'util';

/** The bundle shown for `value`. */
export function resultBundle(value: unknown): MimeBundle {
  if (typeof value === 'string') return { 'text/plain': inspect(value) };
  return deconvlab()?.toMimeBundle?.(value) ?? { 'text/plain': inspect(value, { depth: 4 }) };
}

/** deconvlab, already loaded by the preload (undefined if it failed to load: plain text then). */
function deconvlab(): typeof import('deconvlab') | undefined {
  try {
    return require('deconvlab') as typeof import('deconvlab');
  } catch {
    return undefined;
  }
}
