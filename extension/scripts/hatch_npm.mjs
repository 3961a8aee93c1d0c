// The `npm` that pip's build hook (hatch-jupyter-builder) calls: `install` is a no-op, `run <script>` runs npm.
// Why: the hook runs `npm install` before building, which in this npm workspace would reinstall the root
// node_modules with install scripts on (rebuilding tfjs-node); dependencies come from `npm run setup` instead.
import { spawnSync } from 'node:child_process';

const [command, ...rest] = process.argv.slice(2);
if (command === 'install') {
  console.log('deconvlab-extension: skipping `npm install` (dependencies come from the workspace: npm run setup)');
  process.exit(0);
}
const result = spawnSync('npm', [command, ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
