import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInThisContext } from 'node:vm';
import { emitCell } from 'deconvlab-kernel/dist/cell_emit';
import { installCellGlobals } from 'deconvlab-kernel/dist/cell_globals';
import { InterruptController } from 'deconvlab-kernel/dist/interrupt';
import { blankExports } from 'deconvlab-kernel/dist/module_syntax';

installCellGlobals(process.cwd());
new InterruptController(new Int32Array(new SharedArrayBuffer(4)), () => undefined).install();

test('cell_emit: imports become top-level const requires, exports and types go, the result is a script', () => {
  const { js, syntaxErrors } = emitCell(
    "import * as p from 'path';\nimport { join as j, type ParsedPath } from 'path';\nimport type { Stats } from 'fs';\nimport fsd from 'fs';\nexport const joined: string = j('a', 'b');\nexport default joined;\nexport { p };",
    'emit_test.js',
  );
  assert.deepEqual(syntaxErrors, []);
  assert.doesNotMatch(js, /\bimport\b|\bexport\b|ParsedPath|Stats/);
  assert.match(js, /^const p = require\('path'\);$/m);
  assert.match(js, /^const \{ join: j \} = require\('path'\);$/m);
  assert.match(js, /^const fsd = __deconvlab_cell__\.importDefault\(require\('fs'\)\);$/m);
  // A script: it runs as one (a module would not), and the last expression is its completion value.
  assert.equal(runInThisContext(`(function () {\n${js}\nreturn joined;\n})()`), 'a/b');
});

test('cell_emit: enums, namespaces, classes, generics and overloads compile to plain JavaScript', () => {
  const code =
    'enum E { A, B }\nnamespace N { export const v = 3; }\nclass K<T> { constructor(public x: T) {} }\nfunction f(x: number): number;\nfunction f(x: any) { return x; }\n[E.B, N.v, new K(2).x, f(4)]';
  const { js, lastIsExpression } = emitCell(code, 'emit_test_2.js');
  assert.equal(lastIsExpression, true);
  assert.deepEqual(runInThisContext(`(function () {\n${js.replace(/\[E\.B/, 'return [E.B')}\n})()`), [1, 3, 2, 4]);
});

test('cell_emit: dynamic import goes through the kernel helper; top-level await and lexical names are reported', () => {
  const cell = emitCell(
    "let a = 1;\nconst { b, c: [d] } = await import('./x.mjs');\nclass C {}\nvar v = 2;\nfunction g() {}",
    'emit_test_3.js',
  );
  assert.match(cell.js, /__deconvlab_cell__\.import\('\.\/x\.mjs'\)/);
  assert.equal(cell.topLevelAwait, true);
  assert.equal(cell.lastIsExpression, false);
  assert.deepEqual(cell.lexicalNames, [
    { name: 'a', kind: 'let' },
    { name: 'b', kind: 'const' },
    { name: 'd', kind: 'const' },
    { name: 'C', kind: 'class' },
  ]);
  assert.deepEqual(cell.declared, { values: ['a', 'b', 'd', 'C', 'v', 'g'], types: [] });
});

test('cell_emit: a re-run cell reuses its compilation under its new script name', () => {
  const first = emitCell('1 + 1', 'first.js');
  const second = emitCell('1 + 1', 'second.js');
  assert.equal(first.sourceMap, second.sourceMap);
  assert.match(second.js, /\/\/# sourceURL=second\.js\n$/);
});

test('module_syntax: blankExports keeps every position and line break', () => {
  const src = 'export const a = 1;\nexport default a;\nexport { a as b };\nnamespace N { export const c = 2; }';
  const out = blankExports(src);
  assert.equal(out.length, src.length);
  assert.equal(out, '       const a = 1;\n               a;\n                  \nnamespace N { export const c = 2; }');
});
