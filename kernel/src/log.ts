/** The kernel's own log: straight to file descriptor 2 (the Jupyter server's log), never into a cell's output. */
import { writeSync } from 'fs';

/** Writes one line to the kernel log. */
export function kernelLog(message: string): void {
  try {
    writeSync(2, `[deconvlab kernel] ${message}\n`);
  } catch {
    // stderr closed: nowhere left to report to.
  }
}
