// JupyterLab settings overrides for the project's venv: no "notified about official Jupyter news?" prompt, no update checks.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VENV } from './python_venv.mjs';
import { hashOf, isDone, markDone, say } from './step.mjs';

/** JupyterLab reads `<sys-prefix>/share/jupyter/lab/settings/overrides.json` as the default of every setting it names. */
export const OVERRIDES = join(VENV, 'share', 'jupyter', 'lab', 'settings', 'overrides.json');

/** The settings deconvlab overrides (plugin id → setting → value). */
export const LAB_OVERRIDES = {
  '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false },
};

/** Merges {@link LAB_OVERRIDES} into the venv's overrides.json (keeping any other overrides), written atomically. */
export function setupLabSettings() {
  const key = hashOf(JSON.stringify(LAB_OVERRIDES), OVERRIDES);
  if (existsSync(OVERRIDES) && isDone('lab-settings', key)) return;
  say('turning off the JupyterLab news prompt and update checks (.venv overrides.json)');
  const current = existsSync(OVERRIDES) ? JSON.parse(readFileSync(OVERRIDES, 'utf8')) : {};
  const merged = { ...current };
  for (const [plugin, values] of Object.entries(LAB_OVERRIDES)) merged[plugin] = { ...current[plugin], ...values };
  mkdirSync(dirname(OVERRIDES), { recursive: true });
  writeFileSync(`${OVERRIDES}.tmp`, `${JSON.stringify(merged, null, 2)}\n`);
  renameSync(`${OVERRIDES}.tmp`, OVERRIDES);
  markDone('lab-settings', key);
}
