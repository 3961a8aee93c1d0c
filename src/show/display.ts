import { inspect } from 'node:util';
import * as tf from '@tensorflow/tfjs-node';
import { summary } from '../summary';
import { emitDisplay, type MimeBundle } from './display_sink';

/** Options of {@link display}. */
export interface DisplayOptions {
  /** The value is a MIME bundle, sent as is. */
  raw?: boolean;
  /** Id that later displays can replace with `update: true`. */
  displayId?: string;
  /** Replace the display with `displayId` instead of adding one. */
  update?: boolean;
}

const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

type Displayable = { [JUPYTER_DISPLAY]: () => unknown };

/** True for a plain object whose keys look like MIME types (`type/subtype`). */
function isMimeBundle(value: unknown): value is MimeBundle {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /^[\w.+-]+\/[\w.+-]+$/.test(k));
}

/** The MIME bundle a value displays as: its own `[Symbol.for("Jupyter.display")]()` bundle, a tensor summary or text. */
export function toMimeBundle(value: unknown): MimeBundle {
  const custom = (value as Partial<Displayable> | null | undefined)?.[JUPYTER_DISPLAY];
  if (typeof custom === 'function') {
    const bundle = custom.call(value);
    if (!isMimeBundle(bundle)) {
      throw new Error(
        `display: [Symbol.for("Jupyter.display")]() must return a MIME bundle such as {"text/plain": "..."}, got ${inspect(bundle, { depth: 1 })}`,
      );
    }
    return bundle;
  }
  if (value instanceof tf.Tensor) return { 'text/plain': summary(value) };
  return { 'text/plain': typeof value === 'string' ? value : inspect(value, { depth: 4 }) };
}

/** Shows a value in the cell's output (or replaces the display `displayId` when `update` is set), like Deno's `Deno.jupyter.display`. */
export function display(value: unknown, options: DisplayOptions = {}): void {
  if (options.raw && !isMimeBundle(value)) {
    throw new Error(
      `display: with raw: true the value must be a MIME bundle (keys like "text/plain"), got ${inspect(value, { depth: 1 })}`,
    );
  }
  const data = options.raw ? (value as MimeBundle) : toMimeBundle(value);
  if (options.update) {
    if (!options.displayId) throw new Error('display: update: true needs the displayId of the display to replace');
    emitDisplay({ kind: 'update', data, displayId: options.displayId });
  } else {
    emitDisplay({ kind: 'display', data, ...(options.displayId !== undefined && { displayId: options.displayId }) });
  }
}

/** Clears the cell's output, now or (with `wait`) just before the next output arrives. */
export function clearOutput(options: { wait?: boolean } = {}): void {
  emitDisplay({ kind: 'clear', wait: options.wait === true });
}
