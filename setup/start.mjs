// `npm start`: JupyterLab from .venv on the tutorials, with the deconvlab kernel and extension installed by setup.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { venvBin } from './python_venv.mjs';
import { ROOT } from './step.mjs';

const args = ['lab', `--notebook-dir=${join(ROOT, 'notebooks')}`, ...process.argv.slice(2)];
console.log(`[start] ${venvBin('jupyter')} ${args.join(' ')}  (JupyterLab prints the URL to open below)`);
const lab = spawn(venvBin('jupyter'), args, { stdio: 'inherit', cwd: ROOT });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => lab.kill(signal));
lab.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
