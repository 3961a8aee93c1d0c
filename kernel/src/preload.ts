/**
 * The hidden first cell: `tf` (tfjs-node) and `deconv` (deconvlab) imported by package name (their
 * types come from the kernel's typings pack and, at run time, the packages resolve from the
 * kernel's checkout when the notebook's folder has none: cell_globals.ts), and the display sink
 * registered. It takes no execution count and prints nothing.
 */
import type { DisplaySink } from 'deconvlab';
import { dirname } from 'path';
import type { CellRunner } from './cell_runner';
import { patchConsoleTable } from './console_table';

/** Absolute package directory of the preloaded deconvlab. */
export interface PreloadPaths {
  deconv: string;
}

/** Finds deconvlab from the kernel's own location (the checkout's node_modules). */
export function resolvePreloadPaths(): PreloadPaths {
  return { deconv: dirname(require.resolve('deconvlab/package.json')) };
}

/** The TypeScript of the hidden cell: deconv first, so it sets TF_ENABLE_ONEDNN_OPTS before tfjs-node loads. */
const PRELOAD_SOURCE = `import * as deconv from 'deconvlab';\nimport * as tf from '@tensorflow/tfjs-node';\n`;

/** Runs the hidden cell and registers `sink`, the cells' interrupt signal and `deconv.lastError`; returns an error text for the first cell when it fails. */
export async function preload(runner: CellRunner, paths: PreloadPaths, sink: DisplaySink): Promise<string | undefined> {
  const outcome = await runner.run(PRELOAD_SOURCE);
  if (!outcome.ok) {
    return `deconvlab kernel: preloading tf and deconv failed (run \`npm run setup\` to build deconvlab):\n${outcome.error.traceback.join('\n')}\n`;
  }
  // The same module instance the cells got: require caches by resolved path.
  const deconv = require(paths.deconv) as typeof import('deconvlab');
  deconv.setDisplaySink(sink);
  deconv.setCellSignalProvider(() => runner.interrupts.cellSignal());
  patchConsoleTable(deconv);
  runner.onError = (error) => deconv.setLastError(error);
  return undefined;
}

/** The folders whose stack frames tracebacks fold under a name (packages in node_modules fold by package name anyway). */
export function libraryFolders(paths: PreloadPaths): { dir: string; name: string }[] {
  return [
    { dir: paths.deconv, name: 'deconvlab' },
    { dir: __dirname, name: 'the deconvlab kernel' },
  ];
}
