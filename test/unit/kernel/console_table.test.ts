import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';
import { patchConsoleTable } from 'deconvlab-kernel/dist/console_table';

test('console.table after the preload patch displays deconv.show.table; non-tables still print', () => {
  const original = console.table;
  const messages: deconv.DisplayMessage[] = [];
  const printed: string[] = [];
  const write = process.stdout.write;
  deconv.setDisplaySink((m) => messages.push(m));
  try {
    patchConsoleTable(deconv);
    console.table([{ relation: '(8)', 'o′': 4 }], ['o′']);
    process.stdout.write = ((chunk: string) => printed.push(String(chunk)) > 0) as typeof process.stdout.write;
    console.table(42);
  } finally {
    process.stdout.write = write;
    console.table = original;
    deconv.setDisplaySink(undefined);
  }
  assert.equal(messages.length, 1);
  const data = (messages[0] as { data: Record<string, string> }).data;
  assert.deepEqual(data, deconv.tableBundle([{ relation: '(8)', 'o′': 4 }], { columns: ['o′'] }));
  assert.ok(data['text/html'].includes('<th style="text-align: left">o′</th></tr>'));
  assert.deepEqual(printed, ['42\n']);
});
