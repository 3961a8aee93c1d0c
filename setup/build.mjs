// Builds the TypeScript parts and the prebuilt JupyterLab extension, and installs the kernelspec and the extension into .venv.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VENV, venvBin } from './python_venv.mjs';
import { hashFile, hashOf, isDone, markDone, ROOT, run, say } from './step.mjs';

/** Every file below `paths` (folders or files, relative to the root), sorted; missing ones contribute nothing. */
function filesBelow(paths) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  for (const path of paths.map((p) => join(ROOT, p)).filter(existsSync)) {
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
  return files.sort();
}

/** Hash of the contents of every file below `paths`. */
function hashTree(paths) {
  return hashOf(...filesBelow(paths).flatMap((path) => [relative(ROOT, path), hashFile(path)]));
}

/** The payload contract's sources (its dist/ is an output). */
const CONTRACT_SOURCES = ['contract/schema', 'contract/src', 'contract/scripts', 'contract/package.json', 'contract/tsconfig.json'];

/** The extension's sources: what its build reads (its outputs — lib, lib-node, the labextension — are left out) and the contract. */
const EXTENSION_SOURCES = [
  'extension/src',
  'extension/style',
  'extension/scripts',
  'extension/package.json',
  'extension/pyproject.toml',
  'extension/tsconfig.json',
  'extension/install.json',
  ...CONTRACT_SOURCES,
];

/** Compiles contract/, src/, kernel/, test/ and bench/ in dependency order (tsc's incremental build makes this quick when nothing changed). */
export function buildTypeScript() {
  say('compiling TypeScript (contract, src, kernel, test, bench)');
  run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'contract', 'src', 'kernel', 'test', 'bench'], {
    what: 'TypeScript compilation failed',
    fix: 'fix the errors printed above, then rerun',
  });
}

/** Writes the `deconvlab` kernelspec into .venv (its argv holds this checkout's absolute paths). */
export function installKernelspec() {
  run(process.execPath, [join(ROOT, 'kernel', 'dist', 'install.js'), '--prefix', VENV], {
    what: 'installing the deconvlab kernelspec failed',
    fix: 'check that kernel/ compiled (`npm run build`), then rerun `npm run setup`',
  });
}

/** Builds the prebuilt extension and pip-installs it into .venv when its sources or the payload schemas changed. */
export function buildAndInstallExtension() {
  const key = hashOf(hashTree(EXTENSION_SOURCES), VENV);
  const installed = existsSync(join(VENV, 'share', 'jupyter', 'labextensions', 'deconvlab-extension', 'package.json'));
  if (installed && isDone('extension', key)) return;
  const env = { ...process.env, PATH: `${join(VENV, 'bin')}:${process.env.PATH}` };
  say('building the JupyterLab extension (about a minute)');
  run('npm', ['run', 'build', '-w', 'extension'], {
    env,
    what: 'building the JupyterLab extension failed',
    fix: 'fix the errors printed above, then rerun `npm run setup`',
  });
  say('installing the extension into .venv');
  run(
    venvBin('python'),
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '-q',
      '--no-build-isolation',
      '--no-deps',
      '--force-reinstall',
      join(ROOT, 'extension'),
    ],
    {
      env,
      what: 'installing the extension into .venv failed',
      fix: 'check the pip output above, then rerun `npm run setup`',
    },
  );
  markDone('extension', key);
}
