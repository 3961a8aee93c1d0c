// The benchmark-only virtualenv (.venv-bench): TensorFlow and PyTorch as references. `npm run bench` makes it; `npm test` never does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashFile, hashOf, isDone, markDone, ROOT, run, say } from './step.mjs';
import { cacheDir } from './tfjs_node.mjs';

const VENV = join(ROOT, '.venv-bench');

/** Creates .venv-bench from bench/requirements.txt when it changed (TensorFlow's wheel comes from setup's cache when present). */
export function setupBenchVenv({ python }) {
  const requirements = join(ROOT, 'bench', 'requirements.txt');
  const key = hashOf(hashFile(requirements), python);
  const venvPython = join(VENV, 'bin', 'python');
  if (existsSync(venvPython) && isDone('bench-venv', key)) return;
  const fix = 'check that pip can reach the Python package index and that several GB of disk are free, then rerun `npm run bench`';
  if (!existsSync(venvPython)) run(python, ['-m', 'venv', VENV], { what: 'creating .venv-bench failed', fix });
  say('installing TensorFlow and PyTorch into .venv-bench for the benchmarks (several GB, once)');
  run(
    venvPython,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '--find-links', join(cacheDir(), 'wheels'), '-r', requirements],
    {
      what: 'pip could not install bench/requirements.txt into .venv-bench',
      fix,
    },
  );
  markDone('bench-venv', key);
}
