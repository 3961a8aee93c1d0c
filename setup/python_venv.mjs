// The project-local Python environment (.venv): JupyterLab with jupyterlab_widgets and anywidget, nbclient,
// jupyter_kernel_test, pytest, ruff; every transitive dependency pinned by setup/constraints.txt (`pip freeze` of a working .venv).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashFile, hashOf, isDone, markDone, ROOT, run, say, SetupError } from './step.mjs';

/** The virtualenv's folder. */
export const VENV = join(ROOT, '.venv');

/** Path of an executable inside the virtualenv. */
export function venvBin(name) {
  return join(VENV, 'bin', name);
}

/** The machine's python3 (3.10+), or a SetupError saying how to get one. */
export function findPython() {
  const candidates = [process.env.PYTHON, 'python3'].filter(Boolean);
  for (const python of candidates) {
    try {
      const version = run(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { quiet: true }).trim();
      const [major, minor] = version.split('.').map(Number);
      if (major === 3 && minor >= 10) return python;
    } catch {
      // try the next candidate
    }
  }
  throw new SetupError(
    'python3 (3.10 or newer) not found',
    'install Python 3.10+ (Debian: `apt-get install python3 python3-venv`) or set PYTHON=/path/to/python3',
  );
}

/** Creates .venv and installs setup/requirements.txt under setup/constraints.txt when they changed since the last success. */
export function setupPythonVenv({ python }) {
  const requirements = join(ROOT, 'setup', 'requirements.txt');
  const constraints = join(ROOT, 'setup', 'constraints.txt');
  const key = hashOf(hashFile(requirements), hashFile(constraints), python);
  if (existsSync(venvBin('python')) && isDone('python-venv', key)) return;
  if (!existsSync(venvBin('python'))) {
    say('creating the project virtualenv .venv');
    run(python, ['-m', 'venv', VENV], {
      what: 'creating .venv failed',
      fix: 'install the venv module (Debian: `apt-get install python3-venv`), then rerun `npm run setup`',
    });
  }
  say('installing JupyterLab, the widget front ends, nbclient, jupyter_kernel_test, pytest and ruff into .venv');
  run(venvBin('python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', requirements, '-c', constraints], {
    what: 'pip could not install setup/requirements.txt into .venv',
    fix: 'check that pip can reach the Python package index (pip config / PIP_INDEX_URL / proxy), then rerun `npm run setup`',
  });
  markDone('python-venv', key);
}
