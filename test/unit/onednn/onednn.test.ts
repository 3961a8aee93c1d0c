// deconvlab turns TensorFlow's oneDNN kernels on before libtensorflow loads (src/onednn.ts), and a user's own
// TF_ENABLE_ONEDNN_OPTS wins. Each case runs a fresh node process: the variable is read once, when tfjs-node loads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..', '..');
const ONEDNN_ON = 'oneDNN custom operations are on';

// Preloaded with `node -r`: records TF_ENABLE_ONEDNN_OPTS at the moment @tensorflow/tfjs-node is first required.
const HOOK = `const Module = require('module');
const load = Module._load;
let seen;
Module._load = function (request, ...rest) {
  if (request === '@tensorflow/tfjs-node' && seen === undefined) seen = process.env.TF_ENABLE_ONEDNN_OPTS ?? '(unset)';
  return load.call(this, request, ...rest);
};
process.on('exit', () => process.stdout.write('\\n@@onednn ' + seen + '\\n'));
`;
const dir = mkdtempSync(join(tmpdir(), 'deconvlab-onednn-'));
const hook = join(dir, 'hook.js');
writeFileSync(hook, HOOK);
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node -r hook <args>` with TF_ENABLE_ONEDNN_OPTS = `setting` (undefined: unset); what tfjs-node saw and TF's log. */
function launch(args: string[], setting: string | undefined): { seen: string; log: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '0' };
  delete env.TF_ENABLE_ONEDNN_OPTS;
  if (setting !== undefined) env.TF_ENABLE_ONEDNN_OPTS = setting;
  const child = spawnSync(process.execPath, ['-r', hook, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  assert.equal(child.status, 0, `node ${args.join(' ')} failed: ${child.stderr}`);
  const seen = child.stdout.match(/^@@onednn (.*)$/m)?.[1];
  assert.ok(seen, `no @@onednn line in the output of node ${args.join(' ')}`);
  return { seen, log: child.stderr };
}

const ENTRIES: Record<string, string[]> = {
  'the module entry (require deconvlab)': ['-e', "require('deconvlab')"],
  'the training CLI (npm run train)': [join(ROOT, 'src', 'dist', 'dcgan', 'cli.js'), '--help'],
};

for (const [name, args] of Object.entries(ENTRIES)) {
  test(`${name}: TF_ENABLE_ONEDNN_OPTS=1 before tfjs-node loads, and TF reports oneDNN on`, () => {
    const { seen, log } = launch(args, undefined);
    assert.equal(seen, '1');
    assert.ok(log.includes(ONEDNN_ON), `TensorFlow did not log "${ONEDNN_ON}":\n${log}`);
  });

  test(`${name}: a user's TF_ENABLE_ONEDNN_OPTS=0 is kept and TF leaves oneDNN off`, () => {
    const { seen, log } = launch(args, '0');
    assert.equal(seen, '0');
    assert.ok(!log.includes(ONEDNN_ON), `TensorFlow logged "${ONEDNN_ON}" although the user set 0:\n${log}`);
  });
}

test('without deconvlab, tfjs-node sees no TF_ENABLE_ONEDNN_OPTS (the hook measures what it claims)', () => {
  assert.equal(launch(['-e', "require('@tensorflow/tfjs-node')"], undefined).seen, '(unset)');
});
