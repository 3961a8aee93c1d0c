// `npm start`: JupyterLab from .venv on working copies of the tutorials, with the deconvlab kernel and extension installed by setup.
import { spawn } from 'node:child_process';
import { venvBin } from './python_venv.mjs';
import { ROOT } from './step.mjs';
import { prepareWorkingCopies, WORKSPACE } from './working_copy.mjs';

// Jupyter refuses to run as root without --allow-root; root is common in containers and CI.
const asRoot = process.getuid?.() === 0 ? ['--allow-root'] : [];
const copied = prepareWorkingCopies();
if (copied.length)
  console.log(`[start] copied ${copied.join(', ')} to workspace/ (your working copies; notebooks/ keeps the committed ones)`);
const args = ['lab', `--notebook-dir=${WORKSPACE}`, ...asRoot, ...process.argv.slice(2)];
console.log(`[start] ${venvBin('jupyter')} ${args.join(' ')}  (JupyterLab prints the URL to open below)`);
const lab = spawn(venvBin('jupyter'), args, { stdio: 'inherit', cwd: ROOT });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => lab.kill(signal));
lab.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
