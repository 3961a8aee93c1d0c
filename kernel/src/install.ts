/**
 * Installs the `deconvlab` kernelspec: `node kernel/dist/install.js --prefix <dir>` (e.g. the
 * project's .venv) or `--user`. The argv holds absolute paths of this Node.js and this checkout,
 * so the kernel starts, and finds deconvlab and tfjs-node, from any notebook folder.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join, resolve } from 'path';
import { parseArgs } from 'util';
import { typescript } from './tslab_internals';
import { kernelTypingsPack } from './typings_pack_file';

/** The kernelspec's name (the folder under share/jupyter/kernels). */
export const KERNEL_NAME = 'deconvlab';

/**
 * V8's young-generation semi-space size for the kernel, in MB (Node's default is 16). Checking a new cell allocates
 * a TypeScript program and type checker; with 32 MB fewer scavenges run and a new trivial cell's round trip drops by
 * about a sixth (6.4–7.7 ms against 8.6–9.5 ms, three runs each of `bench/kernel/kernel_latency.py --repeats 100`),
 * for about 30 MB more resident memory; 64 MB gained no more.
 */
export const SEMI_SPACE_MB = 32;

/** The kernel.json content. */
export function kernelSpec(nodePath: string, mainPath: string): Record<string, unknown> {
  return {
    argv: [nodePath, `--max-semi-space-size=${SEMI_SPACE_MB}`, mainPath, '--connection-file', '{connection_file}'],
    display_name: 'TypeScript (deconvlab)',
    language: 'typescript',
    // Both work; messages also reach a busy cell through the control thread (see kernel/src/interrupt.ts).
    interrupt_mode: 'message',
    env: { TF_CPP_MIN_LOG_LEVEL: '2' },
    metadata: { debugger: false },
  };
}

const USAGE = 'usage: node kernel/dist/install.js --prefix <dir> | --user';

/** The kernels folder for `--prefix <dir>` or `--user`. */
export function kernelsDir(argv: string[]): string {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { prefix: { type: 'string' }, user: { type: 'boolean' } } }));
  } catch (e) {
    const missing = /'--prefix/.test((e as Error).message) && argv.includes('--prefix');
    throw new Error(missing ? '--prefix needs a directory, e.g. --prefix /path/to/.venv' : `${USAGE}; ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (values.prefix !== undefined) return join(resolve(values.prefix), 'share', 'jupyter', 'kernels');
  if (values.user) return join(process.env.JUPYTER_DATA_DIR ?? join(homedir(), '.local', 'share', 'jupyter'), 'kernels');
  throw new Error(`${USAGE}; got ${JSON.stringify(argv)}`);
}

/** Writes kernel.json and the logos, and brings the typings pack up to date (so the next start need not pack); returns the kernelspec folder. */
export function install(argv: string[]): string {
  kernelTypingsPack(typescript());
  const dir = join(kernelsDir(argv), KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const spec = kernelSpec(process.execPath, join(__dirname, 'main.js'));
  writeFileSync(join(dir, 'kernel.json'), `${JSON.stringify(spec, null, 2)}\n`);
  for (const logo of ['logo-32x32.png', 'logo-64x64.png']) copyFileSync(join(__dirname, '..', 'kernelspec', logo), join(dir, logo));
  return dir;
}

if (require.main === module) {
  try {
    console.log(`installed the ${KERNEL_NAME} kernelspec in ${install(process.argv.slice(2))}`);
  } catch (e) {
    console.error(`deconvlab kernelspec: ${(e as Error).message}`);
    process.exit(1);
  }
}
