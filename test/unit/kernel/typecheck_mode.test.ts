import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNocheckCell, typecheckMode } from 'deconvlab-kernel/dist/typecheck_mode';

test('typecheck_mode: the kernelspec argument wins over the environment; error by default', () => {
  assert.equal(typecheckMode([], {}), 'error');
  assert.equal(typecheckMode([], { DECONVLAB_TYPECHECK: 'warn' }), 'warn');
  assert.equal(typecheckMode(['--typecheck=off'], { DECONVLAB_TYPECHECK: 'warn' }), 'off');
  assert.equal(typecheckMode(['--typecheck', 'warn'], {}), 'warn');
});

test('typecheck_mode: an unknown mode says what is expected and where it came from', () => {
  assert.throws(() => typecheckMode(['--typecheck=loose'], {}), /--typecheck must be one of error, warn, off; got "loose"/);
  assert.throws(
    () => typecheckMode([], { DECONVLAB_TYPECHECK: 'Warn' }),
    /DECONVLAB_TYPECHECK must be one of error, warn, off; got "Warn"/,
  );
});

test('typecheck_mode: // @ts-nocheck opts a cell out only on its first line', () => {
  assert.equal(isNocheckCell('// @ts-nocheck\nconst a: number = "x";'), true);
  assert.equal(isNocheckCell('\n  //@ts-nocheck'), true);
  assert.equal(isNocheckCell('const a = 1;\n// @ts-nocheck'), false);
});
