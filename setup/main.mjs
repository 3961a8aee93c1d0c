// `npm run setup`: everything a fresh clone needs, in order; each step is skipped when its inputs are unchanged.
import { performance } from 'node:perf_hooks';
import { buildAndInstallExtension, buildTypeScript, installKernelspec } from './build.mjs';
import { setupChromium } from './chromium.mjs';
import { setupFashionMnist } from './fashion_mnist.mjs';
import { setupLabSettings } from './lab_settings.mjs';
import { setupNpm } from './npm_install.mjs';
import { findPython, setupPythonVenv } from './python_venv.mjs';
import { say, SetupError } from './step.mjs';
import { setupTfjsNode } from './tfjs_node.mjs';

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new SetupError(`Node.js ${process.versions.node} is too old`, 'install Node.js 20 or newer');
}

async function main() {
  const started = performance.now();
  checkNode();
  const python = findPython();
  setupNpm();
  setupFashionMnist();
  await setupTfjsNode({ python });
  setupPythonVenv({ python });
  setupLabSettings();
  buildTypeScript();
  installKernelspec();
  buildAndInstallExtension();
  setupChromium();
  say(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  const message = error instanceof SetupError ? error.message : (error?.stack ?? String(error));
  console.error(`[setup] FAILED: ${message}`);
  process.exit(1);
});
