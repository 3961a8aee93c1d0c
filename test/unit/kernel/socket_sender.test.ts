import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

/** Runs the fixture with glibc filling freed memory with garbage, so a use after free fails loudly. */
function runFixture(mode: 'sender' | 'raw'): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(__dirname, 'queued_send_fixture.js'), mode], {
    env: { ...process.env, MALLOC_PERTURB_: '165' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('socket_sender: messages a worker thread leaves queued in ZeroMQ are released safely after the thread ends', () => {
  const { status, output } = runFixture('sender');
  assert.equal(status, 0, output);
  assert.match(output, /^done$/m);
});

test('socket_sender: the fixture detects the hazard: Buffers handed to zeromq.js by a worker crash the process when released after it ends', () => {
  // If this starts passing, zeromq.js no longer references a worker's buffers; threadSafeFrames can go.
  const { status, output } = runFixture('raw');
  assert.notEqual(status, 0, output);
  assert.doesNotMatch(output, /^done$/m);
});
