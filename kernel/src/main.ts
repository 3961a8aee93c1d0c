/** The kernel launcher, as the kernelspec's argv runs it: `node main.js --connection-file <path>`. */
// Before tfjs-node loads (the preload), so TensorFlow's C++ start-up logs stay out of the first cell.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';

import { readConnectionFile } from './connection';
import { startKernel } from './kernel';
import { kernelLog } from './log';

/** The connection file path from `--connection-file <path>`, `--connection-file=<path>` or the only positional argument. */
export function connectionFileArgument(argv: string[]): string {
  const at = argv.indexOf('--connection-file');
  if (at >= 0 && argv[at + 1]) return argv[at + 1];
  const inline = argv.find((arg) => arg.startsWith('--connection-file='));
  if (inline) return inline.slice('--connection-file='.length);
  const positional = argv.filter((arg) => !arg.startsWith('-'));
  if (positional.length === 1) return positional[0];
  throw new Error(`usage: node kernel/dist/main.js --connection-file <path>; got arguments ${JSON.stringify(argv)}`);
}

if (require.main === module) {
  startKernel(readConnectionFile(connectionFileArgument(process.argv.slice(2)))).catch((e: Error) => {
    kernelLog(`failed to start: ${e.stack}`);
    process.exit(1);
  });
}
