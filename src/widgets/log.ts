/** The widgets' log: rejected front-end messages go to the kernel's log (file descriptor 2), never into a cell. */
import * as fs from 'fs';

/** Writes one line to the kernel log. */
export function widgetLog(message: string): void {
  try {
    fs.writeSync(2, `[deconvlab widgets] ${message}\n`);
  } catch {
    // stderr closed: nowhere left to report to.
  }
}
