import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInThisContext } from 'node:vm';
import { emitCell } from 'deconvlab-kernel/dist/cell_emit';
import { InterruptController } from 'deconvlab-kernel/dist/interrupt';
import { type CellScript, tracebackLines } from 'deconvlab-kernel/dist/traceback';

new InterruptController(new Int32Array(new SharedArrayBuffer(4)), () => undefined).install();

/** Runs `source` compiled as a cell named `url` (as a script, as the kernel does) and returns what it threw, with the cell registered for the traceback. */
function thrownBy(source: string, url: string, cells: Map<string, CellScript>): Error {
  const cell = emitCell(source, url);
  cells.set(url, { label: 'Cell In[7]', source, sourceMap: cell.sourceMap });
  try {
    runInThisContext(cell.js);
  } catch (e) {
    return e as Error;
  }
  throw new Error('the cell did not throw');
}

test('traceback: frames of typed, guarded cell code map to the cell line and column, with the source line and a caret', () => {
  const cells = new Map<string, CellScript>();
  const source =
    'const tracedN: number = 1;\nfunction inner(x: number): never {\n  for (let i = 0; i < x; i++) {}\n  throw new RangeError(`bad ${x}`);\n}\ninner(tracedN);';
  const error = thrownBy(source, 'traceback_test_1.js', cells);
  const lines = tracebackLines(error.stack!, { cell: (url) => cells.get(url), libraries: [] });
  const at = lines.indexOf('Cell In[7], line 4');
  assert.ok(at >= 0, lines.join('\n'));
  assert.deepEqual(lines.slice(at + 1, at + 3), ['4 |   throw new RangeError(`bad ${x}`);', '  |         ^']);
  assert.ok(lines.includes('    at inner (Cell In[7]:4:9)'), lines.join('\n'));
  assert.ok(lines.includes('    at Cell In[7]:6:1'), lines.join('\n'));
});

test('traceback: library frames fold into one line per package or folder; other frames stay', () => {
  const stack = [
    'Error: boom',
    '    at a (/r/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:1:1)',
    '    at b (/r/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:2:2)',
    '    at c (/r/src/dist/ops/x.js:3:3)',
    '    at d (node:internal/process/task_queues:95:5)',
    '    at e (/home/me/helper.js:4:4)',
    '    at Session.post (node:inspector:136:22)',
    '    at f (/r/kernel/dist/repl_session.js:5:5)',
  ].join('\n');
  const lines = tracebackLines(stack, { cell: () => undefined, libraries: [{ dir: '/r/src/dist', name: 'deconvlab' }] });
  assert.deepEqual(lines, [
    '    … 2 frames in @tensorflow/tfjs-core',
    '    … 1 frame in deconvlab',
    '    … 1 frame in node internals',
    '    at e (/home/me/helper.js:4:4)',
  ]);
});
