// The tutorials `npm start` opens: working copies in workspace/ (git-ignored), so autosave never rewrites the committed outputs.
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './step.mjs';

/** The folder JupyterLab opens (DECONVLAB_WORKSPACE moves it, e.g. for tests). */
export const WORKSPACE = process.env.DECONVLAB_WORKSPACE || join(ROOT, 'workspace');
const NOTEBOOKS = join(ROOT, 'notebooks');

/**
 * Copies each tutorial that has no working copy yet (an existing copy, with your edits, is never
 * overwritten; delete it to get the committed version back) and links `weights/` so the notebooks'
 * relative paths work. Returns the names copied.
 */
export function prepareWorkingCopies() {
  mkdirSync(WORKSPACE, { recursive: true });
  const copied = [];
  for (const name of readdirSync(NOTEBOOKS)
    .filter((n) => /^\d.*\.ipynb$/.test(n))
    .sort()) {
    if (existsSync(join(WORKSPACE, name))) continue;
    copyFileSync(join(NOTEBOOKS, name), join(WORKSPACE, name));
    copied.push(name);
  }
  if (!existsSync(join(WORKSPACE, 'weights'))) symlinkSync(join(NOTEBOOKS, 'weights'), join(WORKSPACE, 'weights'), 'dir');
  return copied;
}
