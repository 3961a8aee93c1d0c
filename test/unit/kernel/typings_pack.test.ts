import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { typescript } from 'deconvlab-kernel/dist/tslab_internals';
import { packTypings } from 'deconvlab-kernel/dist/typings_pack';
import { PACK_ENTRIES, typingsPackFile } from 'deconvlab-kernel/dist/typings_pack_file';
import type * as TS from 'typescript';

const ts = typescript();
const KERNEL_DIST = dirname(require.resolve('deconvlab-kernel/dist/typings_pack'));
const OPTIONS: TS.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  skipLibCheck: true,
  strict: true,
  noEmit: true,
};

// Expressions whose types must read the same whether tf and deconv come from their own files or from the pack:
// chained ops (module augmentations), overloads, namespaces, classes, generics and deconvlab's own types.
const PROBES = [
  'tf.ones([1, 2, 2, 1])',
  'tf.ones([2]).add(1).square().mean()',
  'tf.tensor4d([1], [1, 1, 1, 1]).conv2d(tf.ones([1, 1, 1, 1]) as tf.Tensor4D, 1, "same")',
  'deconv.conv2dTranspose(tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 1]), [1, 4, 4, 1], 1, "VALID")',
  'deconv.conv2dTranspose',
  'tf.layers.dense({ units: 1 })',
  'tf.sequential().predict',
  'tf.node.decodePng',
  'tf.train.adam(0.1)',
  'deconv.dcgan.generator({})',
  'deconv.data.mnist',
  'deconv.experiments.fitLinearSvm',
  'prompt',
  'tf.memory()',
];

/** The type of each probe and the cell's diagnostics, with tf and deconv imported as the kernel's hidden first cell does. */
function probeTypes(paths: TS.MapLike<string[]> | undefined): { types: string[]; diagnostics: string[]; files: number } {
  const dir = mkdtempSync(join(tmpdir(), 'typings-pack-'));
  const cell = join(dir, 'cell.ts');
  const lines = PROBES.map((probe, i) => `const probe${i} = ${probe};`);
  writeFileSync(
    cell,
    "import * as deconv from 'deconvlab';\nimport * as tf from '@tensorflow/tfjs-node';\n" +
      `${lines.join('\n')}\nconst wrong: tf.Tensor4D = tf.ones([2]).dataSync();\n`,
  );
  // The real packages resolve from the kernel's own folder; the cell lives elsewhere, as notebooks may.
  const program = ts.createProgram([cell], { ...OPTIONS, paths: paths ?? { '*': [join(KERNEL_DIST, '..', '..', 'node_modules', '*')] } });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(cell)!;
  const types = source.statements
    .filter(ts.isVariableStatement)
    .slice(0, PROBES.length)
    .map((s) =>
      checker.typeToString(checker.getTypeAtLocation(s.declarationList.declarations[0].name), undefined, ts.TypeFormatFlags.NoTruncation),
    );
  const diagnostics = ts.getPreEmitDiagnostics(program, source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { types, diagnostics, files: program.getSourceFiles().length };
}

test('typings pack: tf and deconv types and diagnostics read the same as from the packages own files, from far fewer files', () => {
  const real = probeTypes(undefined);
  const { file, packages } = typingsPackFile(ts, KERNEL_DIST, OPTIONS);
  const packed = probeTypes(Object.fromEntries(packages.flatMap((name) => [name, `${name}/*`].map((p) => [p, [file]]))));
  assert.deepEqual(packed.types, real.types);
  assert.deepEqual(packed.diagnostics, real.diagnostics);
  assert.equal(real.diagnostics.length, 1, 'the one deliberate type error');
  assert.ok(!real.types.some((t) => t === 'any'), `every probe has a real type: ${real.types.join(' | ')}`);
  assert.ok(packed.files < real.files / 3, `packed program: ${packed.files} files, unpacked: ${real.files}`);
  assert.deepEqual(
    PACK_ENTRIES.filter((name) => !packages.includes(name)),
    [],
  );
});

test('typings pack: each file becomes an ambient module named after its package path, its text kept but for module names', () => {
  const root = mkdtempSync(join(tmpdir(), 'typings-pack-pkg-'));
  const modules = join(root, 'node_modules');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(modules, path)), { recursive: true });
    writeFileSync(join(modules, path), text);
  };
  write('alpha/package.json', JSON.stringify({ name: 'alpha', types: 'dist/index.d.ts' }));
  write(
    'alpha/dist/index.d.ts',
    "/** Alpha's docs. */\nexport declare function make(): Thing;\nimport { Thing } from './thing';\nexport * from './thing';\n",
  );
  write(
    'alpha/dist/thing.d.ts',
    "/// <reference types=\"node\" />\nimport { Other } from 'beta';\nexport declare class Thing { other: Other; }\ndeclare module './index' { interface Extra { n: number } }\n",
  );
  write('beta/package.json', JSON.stringify({ name: 'beta', types: 'index.d.ts' }));
  write('beta/index.d.ts', 'export interface Other { b: string }\n');
  const pack = packTypings(ts, ['alpha'], { fromDir: root, packs: (name) => name === 'alpha', compilerOptions: OPTIONS });
  assert.deepEqual(pack.packages, ['alpha']);
  assert.deepEqual(
    pack.files.map((f) => f.slice(modules.length)),
    ['/alpha/dist/index.d.ts', '/alpha/dist/thing.d.ts'],
  );
  assert.equal(
    pack.text,
    '/// <reference types="node" />\n' +
      'declare module "alpha" {\n' +
      '/** Alpha\'s docs. */\nexport function make(): Thing;\nimport { Thing } from "alpha/dist/thing";\nexport * from "alpha/dist/thing";\n\n}\n\n' +
      'declare module "alpha/dist/thing" {\n' +
      '/// <reference types="node" />\nimport { Other } from \'beta\';\nexport class Thing { other: Other; }\ndeclare module "alpha" { interface Extra { n: number } }\n\n}\n',
  );
  assert.throws(
    () => packTypings(ts, ['gamma'], { fromDir: root, packs: () => true, compilerOptions: OPTIONS }),
    /typings pack: gamma has no declaration files reachable from .*; run `npm run setup`/,
  );
});

test('typings pack file: reused while the packed files are unchanged, packed again when one changed', () => {
  const { file } = typingsPackFile(ts, KERNEL_DIST, OPTIONS);
  const manifestFile = join(dirname(file), 'pack.json');
  const [text, written] = [readFileSync(file, 'utf8'), statSync(file).mtimeMs];
  typingsPackFile(ts, KERNEL_DIST, OPTIONS);
  assert.equal(statSync(file).mtimeMs, written, 'an up-to-date pack is not written again');
  // A stale stamp for one packed file (as after a rebuild of deconvlab): the next call packs again.
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: [string, number, number][]; packages: string[] };
  manifest.files[manifest.files.length - 1][1] -= 1000;
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, packages: [] }));
  const again = typingsPackFile(ts, KERNEL_DIST, OPTIONS);
  assert.notEqual(statSync(file).mtimeMs, written);
  assert.deepEqual(again.packages, manifest.packages);
  assert.equal(readFileSync(file, 'utf8'), text);
});
