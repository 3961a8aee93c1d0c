import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInThisContext } from 'node:vm';
import { emitCell } from 'deconvlab-kernel/dist/cell_emit';
import { InterruptController, InterruptError } from 'deconvlab-kernel/dist/interrupt';

const flag = new Int32Array(new SharedArrayBuffer(4));
const controller = new InterruptController(flag, () => undefined);
controller.install();

/** Runs `code` compiled as a cell (guards added), inside a function so that the tests can `return`. */
function run(code: string, topLevelAsync = false): unknown {
  return runInThisContext(`(${topLevelAsync ? 'async ' : ''}function () {\n${emitCell(code, 'loop_guard_test.js').js}\n})()`);
}

test('loop_guard: guarded loops compute what the original computes', () => {
  const js =
    'let s = 0; for (let i = 0; i < 10; i++) s += i; let j = 0; while (j < 3) j++; do { s++; } while (false); for (const k of [1, 2]) s += k; return s + j;';
  assert.equal(run(js), runInThisContext(`(function () { ${js} })()`));
});

test('loop_guard: a busy sync loop throws InterruptError once the flag is set', async () => {
  await controller.run(async () => {
    Atomics.store(flag, 0, 1);
    assert.throws(() => run('while (true) {}'), InterruptError);
  });
});

test('loop_guard: a busy loop after an await throws InterruptError', async () => {
  await controller.run(async () => {
    const cell = run('await null; for (;;) {}', true) as Promise<unknown>;
    Atomics.store(flag, 0, 1);
    await assert.rejects(cell, InterruptError);
  });
});

test('loop_guard: recursion through a function body is guarded', async () => {
  await controller.run(async () => {
    Atomics.store(flag, 0, 1);
    assert.throws(() => run('function f(n) { return n === 0 ? 0 : f(n - 1); } return f(5);'), InterruptError);
  });
});

test('loop_guard: directive prologues stay first (strict functions stay strict)', () => {
  assert.equal(run('function f() { "use strict"; return this; } return f();'), undefined);
});

test('loop_guard: a cell with top-level await gets the async guard at its top level, others the inline check', () => {
  assert.match(emitCell('await null; while (true) {}', 'a.js').js, /while \(true\) \{\s*__deconvlab_interrupt__\.check\(\);/);
  assert.match(
    emitCell('while (true) {}', 'a.js').js,
    /while \(true\) \{\s*if \(Atomics\.load\(__deconvlab_interrupt__\.flag, 0\) !== 0\)/,
  );
});

test('loop_guard: a flag left from before a cell is cleared when the cell starts', async () => {
  Atomics.store(flag, 0, 1);
  await controller.run(async () => {
    assert.equal(run('let n = 0; while (n < 5) n++; return n;'), 5);
  });
});
