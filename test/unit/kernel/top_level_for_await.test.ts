import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasTopLevelForAwait } from 'deconvlab-kernel/dist/top_level_for_await';

test('top-level for await: found at top level and inside top-level blocks', () => {
  assert.equal(hasTopLevelForAwait('for await (const v of xs) {}'), true);
  assert.equal(hasTopLevelForAwait('if (a) { for await (const v of xs) {} }'), true);
});

test('top-level for await: not inside functions, methods or classes; not plain for-of', () => {
  assert.equal(hasTopLevelForAwait('async function f() { for await (const v of xs) {} }'), false);
  assert.equal(hasTopLevelForAwait('const f = async () => { for await (const v of xs) {} }'), false);
  assert.equal(hasTopLevelForAwait('class A { async m() { for await (const v of xs) {} } }'), false);
  assert.equal(hasTopLevelForAwait('for (const v of xs) {} // for await'), false);
});
