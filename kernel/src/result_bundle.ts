/**
 * A cell's last value as a MIME bundle, decided in this order (as Deno's kernel does): the value's
 * own `[Symbol.for("Jupyter.display")]()` bundle, a tensor summary, then `util.inspect` text.
 */
import { inspect } from 'util';
import type { MimeBundle } from 'deconvlab';

/** The opt-in display protocol shared with Deno's Jupyter kernel. */
export const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

interface TensorLike {
  shape: number[];
  dtype: string;
  dataSync(): unknown;
}

/** The bundle shown for `value`. */
export async function resultBundle(value: unknown): Promise<MimeBundle> {
  const own = await ownBundle(value);
  if (own) return own;
  if (isTensor(value)) return { 'text/plain': tensorSummary(value) };
  return { 'text/plain': inspect(value, { depth: 4, maxArrayLength: 50, maxStringLength: 10_000 }) };
}

async function ownBundle(value: unknown): Promise<MimeBundle | undefined> {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  const display = (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY];
  if (typeof display !== 'function') return undefined;
  const bundle: unknown = await display.call(value);
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) {
    throw new TypeError(`[Symbol.for("Jupyter.display")]() returned ${inspect(bundle)}; it must return a MIME bundle object such as {"text/plain": "..."}`);
  }
  return bundle as MimeBundle;
}

function isTensor(value: unknown): value is TensorLike {
  const candidate = value as Partial<TensorLike> | null;
  return typeof candidate === 'object' && candidate !== null && Array.isArray(candidate.shape) && typeof candidate.dtype === 'string' && typeof candidate.dataSync === 'function';
}

function tensorSummary(tensor: TensorLike): string {
  // Loaded lazily: a tensor exists only once tfjs-node is loaded, and deconvlab loads it.
  const { summary } = require('deconvlab') as typeof import('deconvlab');
  return summary(tensor as unknown as Parameters<typeof summary>[0]);
}
