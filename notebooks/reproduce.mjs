// `npm run reproduce`: execute every tutorial notebook in full, in place, and report each one's time.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { venvBin } from '../setup/python_venv.mjs';
import { ROOT } from '../setup/step.mjs';

const result = spawnSync(venvBin('python'), [join(ROOT, 'notebooks', 'execute.py'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: ROOT,
});
process.exit(result.status ?? 1);
