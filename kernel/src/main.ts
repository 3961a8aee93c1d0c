/** The kernel launcher, as the kernelspec's argv runs it: `node main.js --connection-file <path>`. */
// Before tfjs-node loads (the preload), so TensorFlow's C++ start-up logs stay out of the first cell.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';

import { parseArgs } from 'node:util';
import { readConnectionFile } from './connection';
import { startKernel } from './kernel';
import { kernelLog } from './log';

const USAGE = 'usage: node kernel/dist/main.js --connection-file <path>';

/** The connection file path from `--connection-file <path>`, `--connection-file=<path>` or the only positional argument. */
export function connectionFileArgument(argv: string[]): string {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { 'connection-file': { type: 'string' } }, allowPositionals: true, strict: false });
  } catch (e) {
    throw new Error(`${USAGE}; ${(e as Error).message}`, { cause: e });
  }
  const option = parsed.values['connection-file'];
  if (typeof option === 'string' && option !== '') return option;
  if (parsed.positionals.length === 1) return parsed.positionals[0];
  throw new Error(`${USAGE}; got arguments ${JSON.stringify(argv)}`);
}

if (require.main === module) {
  startKernel(readConnectionFile(connectionFileArgument(process.argv.slice(2)))).catch((e: Error) => {
    kernelLog(`failed to start: ${e.stack}`);
    process.exit(1);
  });
}
