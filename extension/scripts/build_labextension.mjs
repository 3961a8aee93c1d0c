// Runs `jupyter labextension build .` (pass --development for a dev build).
// Why the empty node_modules: in an npm workspace the dependencies are hoisted to the root, and
// `jupyter labextension build` runs `jlpm install` (network) whenever the extension has no node_modules
// folder of its own; it then finds @jupyterlab/builder in the root node_modules as usual.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'node_modules'), { recursive: true });
const args = ['labextension', 'build', ...(process.argv.includes('--development') ? ['--development', 'True'] : []), '.'];
const result = spawnSync('jupyter', args, { cwd: root, stdio: 'inherit' });
if (result.error) {
  console.error(`cannot run jupyter (${result.error.message}); put the project venv on PATH: PATH=$PWD/.venv/bin:$PATH`);
  process.exit(1);
}
process.exit(result.status ?? 1);
