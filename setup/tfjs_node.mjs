// tfjs-node on TensorFlow's C library taken from the tensorflow-cpu wheel.
//
// tfjs-node's own install script downloads libtensorflow from a storage bucket, which fails offline and in
// locked-down networks. The tensorflow-cpu wheel from the Python package index carries the same C API in
// libtensorflow_cc.so.2, so we take the library and headers from the wheel and build the N-API binding against it.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { hashOf, isDone, markDone, ROOT, run, say, SetupError } from './step.mjs';

/** The pinned wheel: any CPython build carries the same C library, so one wheel serves every local Python. */
const WHEEL = {
  tensorflow: '2.21.0',
  file: 'tensorflow_cpu-2.21.0-cp311-cp311-manylinux_2_27_x86_64.whl',
  sha256: '2b847d217b02ee7731ed91431daf3250daa0196c3c94614d23be27232e6e5b6c',
  pipArgs: ['--python-version', '3.11', '--implementation', 'cp', '--abi', 'cp311', '--platform', 'manylinux_2_27_x86_64'],
};
const LIBRARIES = ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'];
const TFJS_NODE = join(ROOT, 'node_modules', '@tensorflow', 'tfjs-node');

/** Where downloads and the extracted library live, outside node_modules so `npm ci` does not lose them. */
export function cacheDir() {
  if (process.env.DECONVLAB_CACHE) return process.env.DECONVLAB_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'deconvlab');
}

function libraryDir() {
  return join(cacheDir(), `libtensorflow-${WHEEL.tensorflow}`);
}

function bindingPath() {
  return join(TFJS_NODE, 'lib', 'napi-v8', 'tfjs_binding.node');
}

function tfjsNodeVersion() {
  return JSON.parse(readFileSync(join(TFJS_NODE, 'package.json'), 'utf8')).version;
}

async function sha256OfFile(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

function checkPlatform() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new SetupError(
      `the tensorflow-cpu wheel route supports linux x64 only (this is ${process.platform} ${process.arch})`,
      'install @tensorflow/tfjs-node with its own install script (it needs internet access) and rerun setup',
    );
  }
}

async function fetchWheel(python) {
  const wheelDir = join(cacheDir(), 'wheels');
  const wheel = join(wheelDir, WHEEL.file);
  if (!existsSync(wheel)) {
    say(`downloading tensorflow-cpu ${WHEEL.tensorflow} (about 270 MB, once) with pip`);
    mkdirSync(wheelDir, { recursive: true });
    run(
      python,
      [
        '-m',
        'pip',
        'download',
        '--no-deps',
        '--only-binary=:all:',
        ...WHEEL.pipArgs,
        '--dest',
        wheelDir,
        `tensorflow-cpu==${WHEEL.tensorflow}`,
      ],
      {
        what: 'downloading the tensorflow-cpu wheel failed',
        fix: 'check that pip can reach the Python package index (pip config / PIP_INDEX_URL / proxy), then rerun `npm run setup`',
      },
    );
  }
  const actual = await sha256OfFile(wheel);
  if (actual !== WHEEL.sha256) {
    rmSync(wheel, { force: true });
    throw new SetupError(
      `checksum mismatch for ${WHEEL.file}: expected sha256 ${WHEEL.sha256}, got ${actual} (the file was deleted)`,
      'rerun `npm run setup` to download it again; if it persists, your package index serves a different file',
    );
  }
  return wheel;
}

async function extractLibrary(python) {
  const target = libraryDir();
  if (
    LIBRARIES.every((name) => existsSync(join(target, 'lib', name))) &&
    existsSync(join(target, 'include', 'tensorflow', 'c', 'c_api.h'))
  ) {
    return target;
  }
  const wheel = await fetchWheel(python);
  say('extracting libtensorflow and its headers from the wheel');
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const extractor = [
    'import sys, zipfile, os, shutil',
    'wheel, out, libs = sys.argv[1], sys.argv[2], sys.argv[3:]',
    'z = zipfile.ZipFile(wheel)',
    'for name in z.namelist():',
    '    rel = None',
    '    if name.startswith("tensorflow/include/"): rel = os.path.join("include", name[len("tensorflow/include/"):])',
    '    elif name in ["tensorflow/" + l for l in libs]: rel = os.path.join("lib", os.path.basename(name))',
    '    if rel is None or name.endswith("/"): continue',
    '    dest = os.path.join(out, rel)',
    '    os.makedirs(os.path.dirname(dest), exist_ok=True)',
    '    with z.open(name) as src, open(dest, "wb") as dst: shutil.copyfileobj(src, dst, 1 << 20)',
  ].join('\n');
  run(python, ['-c', extractor, wheel, partial, ...LIBRARIES], {
    what: 'extracting libtensorflow from the wheel failed',
    fix: `check free disk space in ${cacheDir()} (about 1.1 GB is needed), then rerun \`npm run setup\``,
  });
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  return target;
}

function replaceWithLink(path, target) {
  rmSync(path, { recursive: true, force: true });
  symlinkSync(target, path);
}

function layOutDeps(library) {
  const deps = join(TFJS_NODE, 'deps');
  rmSync(deps, { recursive: true, force: true });
  mkdirSync(join(deps, 'lib'), { recursive: true });
  replaceWithLink(join(deps, 'include'), join(library, 'include'));
  for (const name of LIBRARIES) replaceWithLink(join(deps, 'lib', name), join(library, 'lib', name));
  // binding.gyp links -ltensorflow -ltensorflow_framework; the C API lives in libtensorflow_cc.
  replaceWithLink(join(deps, 'lib', 'libtensorflow.so'), 'libtensorflow_cc.so.2');
  replaceWithLink(join(deps, 'lib', 'libtensorflow_framework.so'), 'libtensorflow_framework.so.2');
}

/** Node's own headers, so node-gyp never downloads them (the binding is N-API, any Node 20+ headers serve). */
function nodeHeadersDir() {
  const candidates = [dirname(dirname(process.execPath)), '/usr'];
  const found = candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
  if (!found) {
    throw new SetupError(
      'Node.js headers not found (looked for include/node/node_api.h under ' + candidates.join(', ') + ')',
      'install them (Debian: `apt-get install libnode-dev`; or use a Node.js build that ships include/), then rerun `npm run setup`',
    );
  }
  return found;
}

function nodeGypScript() {
  const candidates = [
    process.env.npm_execpath && join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ].filter(Boolean);
  return candidates.find((path) => existsSync(path));
}

function buildBinding() {
  say('building the tfjs-node binding against libtensorflow (about 20 s)');
  const env = { ...process.env };
  const nodeGyp = nodeGypScript();
  if (nodeGyp) env.npm_config_node_gyp = nodeGyp;
  const preGyp = join(ROOT, 'node_modules', '@mapbox', 'node-pre-gyp', 'bin', 'node-pre-gyp');
  run(process.execPath, [preGyp, 'install', '--build-from-source', `--nodedir=${nodeHeadersDir()}`], {
    cwd: TFJS_NODE,
    env,
    quiet: true,
    what: 'building the tfjs-node binding failed',
    fix: 'install a C++ toolchain (Debian: `apt-get install g++ make python3`), then rerun `npm run setup`',
  });
}

/** Loads tfjs-node in a fresh process and checks a transposed convolution against values computed by hand. */
function verify() {
  const probe = `
    const tf = require('@tensorflow/tfjs-node');
    // A 2x2 input of ones through a 3x3 kernel of ones, stride 1, VALID: each output counts the kernel overlaps.
    const y = tf.conv2dTranspose(tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 1]), [1, 4, 4, 1], 1, 'valid');
    const expected = [1,2,2,1, 2,4,4,2, 2,4,4,2, 1,2,2,1];
    const got = Array.from(y.dataSync());
    if (tf.getBackend() !== 'tensorflow') throw new Error('backend is ' + tf.getBackend() + ', not tensorflow');
    if (got.join() !== expected.join()) throw new Error('conv2dTranspose gave ' + got + ', expected ' + expected);
    console.log('tfjs-node ' + tf.version['tfjs-node'] + ' on TensorFlow ' + tf.backend().binding.TF_Version);`;
  const out = run(process.execPath, ['-e', probe], {
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
    quiet: true,
    what: 'tfjs-node does not load or computes wrong values after the build',
    fix: `delete ${libraryDir()} and node_modules/@tensorflow/tfjs-node/deps, then rerun \`npm run setup\``,
  });
  say(out.trim());
}

/** Makes `require('@tensorflow/tfjs-node')` work: library from the wheel, binding built from source, verified. */
export async function setupTfjsNode({ python }) {
  checkPlatform();
  const key = hashOf(tfjsNodeVersion(), WHEEL.sha256, libraryDir(), process.versions.modules);
  const linked = existsSync(bindingPath()) && existsSync(join(TFJS_NODE, 'deps', 'lib', 'libtensorflow.so'));
  if (linked && isDone('tfjs-node', key)) return;
  const library = await extractLibrary(python);
  layOutDeps(library);
  buildBinding();
  verify();
  markDone('tfjs-node', key);
}
