// Node dependencies from the committed lockfile.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashFile, isDone, markDone, ROOT, run, say } from './step.mjs';

/** Runs `npm ci` when package-lock.json changed since the last success (dependency install scripts stay off: setup builds what needs building). */
export function setupNpm() {
  const key = hashFile(join(ROOT, 'package-lock.json'));
  if (existsSync(join(ROOT, 'node_modules', '.package-lock.json')) && isDone('npm', key)) return;
  say('installing Node dependencies (npm ci)');
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    what: 'npm ci failed',
    fix: 'check that npm can reach its registry (npm config get registry / proxy), then rerun `npm run setup`',
  });
  markDone('npm', key);
}
