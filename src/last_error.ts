/**
 * The full error of the last notebook cell that failed, as `deconv.lastError`: the kernel shows a
 * short traceback in the cell's terms; the whole stack and the error's own fields stay here.
 * `src/` knows nothing of Jupyter: the kernel records it through `setLastError`, as it registers
 * the cell signal.
 */

/** What the last failed cell threw (usually an Error with its full stack), or undefined. */
export let lastError: unknown = undefined;

/** Records the value the last failed cell threw (called by the kernel). */
export function setLastError(error: unknown): void {
  lastError = error;
}
