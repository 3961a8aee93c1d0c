import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isComplete } from 'deconvlab-kernel/dist/is_complete';

const CASES: [string, string][] = [
  ['1 + 1', 'complete'],
  ['for (let i = 0; i < 3; i++) {\n  console.log(i)\n}', 'complete'],
  ['let t = `a\n${1}\nb`', 'complete'],
  ['function f() {', 'incomplete'],
  ['let t = `abc', 'incomplete'],
  ['let t = `a ${b', 'incomplete'],
  ['/* comment', 'incomplete'],
  ['foo(', 'incomplete'],
  ['const o = { a: 1,', 'incomplete'],
  ['switch (x) {\n  case 1:', 'incomplete'],
  ['let t = f(1, 2', 'incomplete'],
  ['let = 7q', 'invalid'],
  ['}}', 'invalid'],
  ['if (x) {}}', 'invalid'],
  ['"abc', 'invalid'],
];

for (const [code, status] of CASES) {
  test(`is_complete: ${JSON.stringify(code)} is ${status}`, () => {
    assert.equal(isComplete(code).status, status);
  });
}

test('is_complete: an open brace indents the next line by two spaces', () => {
  assert.deepEqual(isComplete('if (x) {\n  while (y) {'), { status: 'incomplete', indent: '    ' });
});

test('is_complete: a trailing empty line submits incomplete code', () => {
  assert.equal(isComplete('function f() {\n\n').status, 'complete');
});
