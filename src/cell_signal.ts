/**
 * The running notebook cell's AbortSignal: how a kernel interrupt reaches long-running library code.
 *
 * `src/` knows nothing of Jupyter, so the kernel registers a provider on a global symbol (as it does the
 * display sink); outside a kernel there is no cell signal. Training loops combine it with the caller's own
 * `signal`, so interrupting the kernel stops them cleanly after the current step.
 */

/** Returns the AbortSignal of the cell running now, if any. */
export type CellSignalProvider = () => AbortSignal | undefined;

const PROVIDER_KEY = Symbol.for('deconvlab.cellSignal');

type ProviderHolder = { [PROVIDER_KEY]?: CellSignalProvider };

/** Registers the process-wide provider of the running cell's signal (or removes it with `undefined`). */
export function setCellSignalProvider(provider: CellSignalProvider | undefined): void {
  (globalThis as ProviderHolder)[PROVIDER_KEY] = provider;
}

/** The running cell's signal, or undefined outside a kernel. */
export function cellSignal(): AbortSignal | undefined {
  return (globalThis as ProviderHolder)[PROVIDER_KEY]?.();
}

/** `signal` and the running cell's signal as one: aborted when either is. */
export function withCellSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  const cell = cellSignal();
  if (!cell) return signal;
  return signal ? AbortSignal.any([signal, cell]) : cell;
}
