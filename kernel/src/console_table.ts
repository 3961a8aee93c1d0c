/**
 * `console.table` in a cell shows deconvlab's HTML table (`deconv.show.table`: numbers right-aligned and
 * rounded, text escaped) with Node's box-drawing table as the plain-text fallback, through the same
 * display path as every deconvlab output. Values that are not tables are printed as Node prints them.
 */
import type * as Deconv from 'deconvlab';

/** Replaces the process's `console.table` (cells share the kernel's console) with one that displays `deconv.show.table`. */
export function patchConsoleTable(deconv: typeof Deconv): void {
  const print = console.table.bind(console);
  console.table = (data?: unknown, properties?: readonly string[]) => {
    if (data === null || typeof data !== 'object') {
      print(data, properties);
      return;
    }
    deconv.show.table(data, properties === undefined ? {} : { columns: [...properties] });
  };
}
