// `npm start`: JupyterLab from .venv on the tutorials, with the deconvlab kernel and extension installed by setup.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { venvBin } from './python_venv.mjs';
import { ROOT } from './step.mjs';

// Jupyter refuses to run as root without --allow-root; root is common in containers and CI.
const asRoot = process.getuid?.() === 0 ? ['--allow-root'] : [];
const args = ['lab', `--notebook-dir=${join(ROOT, 'notebooks')}`, ...asRoot, ...process.argv.slice(2)];
console.log(`[start] ${venvBin('jupyter')} ${args.join(' ')}  (JupyterLab prints the URL to open below)`);
const lab = spawn(venvBin('jupyter'), args, { stdio: 'inherit', cwd: ROOT });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => lab.kill(signal));
lab.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
