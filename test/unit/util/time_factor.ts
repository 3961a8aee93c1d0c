/**
 * The one factor that scales every time limit in the tests, for slow or busy machines:
 * `DECONVLAB_TEST_TIME_FACTOR` (default 3, chosen for a busy 2-core machine; 1 gives the nominal limits of an
 * idle machine). The kernel tests read the same variable (test/kernel/timing.py).
 */
export const TIME_FACTOR = Number(process.env.DECONVLAB_TEST_TIME_FACTOR ?? '3');

/** A limit of `ms` milliseconds on an idle machine, scaled by {@link TIME_FACTOR}. */
export function scaledMs(ms: number): number {
  return ms * TIME_FACTOR;
}
