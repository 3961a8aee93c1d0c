import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandShorthandProperties } from 'deconvlab-kernel/dist/shorthand_properties';

test('shorthand properties are spelled out: { data, epochs: 3, G } -> { data: data, epochs: 3, G: G }', () => {
  assert.equal(expandShorthandProperties('train({ data, epochs: 3, G });'), 'train({ data: data, epochs: 3, G: G });');
});

test('nested object literals and arrow bodies are expanded too', () => {
  assert.equal(expandShorthandProperties('const f = () => ({ a, b: { c } });'), 'const f = () => ({ a: a, b: { c: c } });');
});

test('destructuring declarations are left alone; destructuring assignments keep their defaults', () => {
  assert.equal(expandShorthandProperties('const { a, b } = obj;'), 'const { a, b } = obj;');
  assert.equal(expandShorthandProperties('({ a, b = 2 } = obj);'), '({ a: a, b: b = 2 } = obj);');
});

test('line numbers do not move, code without braces is returned as is', () => {
  const src = 'const x = 1;\nf({ x });\nthrow new Error();';
  assert.equal(expandShorthandProperties(src).split('\n').length, 3);
  assert.equal(expandShorthandProperties('1 + 1'), '1 + 1');
});
