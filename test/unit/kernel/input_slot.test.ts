import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputSlot } from 'deconvlab-kernel/dist/input_slot';

test('input slot: an answer stored for a pending request is what the wait returns (UTF-8 kept)', () => {
  const slot = new InputSlot(InputSlot.allocate());
  const generation = slot.begin();
  assert.equal(slot.answer('héllo ✓'), true);
  assert.equal(
    slot.waitSync(generation, () => false),
    'héllo ✓',
  );
});

test('input slot: answers with no pending request (late replies) are dropped', () => {
  const slot = new InputSlot(InputSlot.allocate());
  assert.equal(slot.answer('late'), false);
});

test('input slot: an interrupted wait returns undefined and frees the slot', async () => {
  const slot = new InputSlot(InputSlot.allocate());
  assert.equal(await slot.waitAsync(slot.begin(), () => true), undefined);
  assert.equal(slot.answer('after the interrupt'), false);
  slot.begin();
});

test('input slot: a cancelled request frees the slot at once; its wait ends empty and does not touch the next request', async () => {
  const slot = new InputSlot(InputSlot.allocate());
  // The control worker's view of the same memory.
  const control = new InputSlot(slot.memory);
  let interrupted = false;
  const first = slot.waitAsync(slot.begin(), () => interrupted);
  control.cancel();
  const second = slot.begin(); // the next cell asks before the first wait has woken up
  interrupted = true; // the first cell's interrupt condition stays true
  assert.equal(await first, undefined);
  assert.equal(control.answer('for the second'), true);
  assert.equal(
    slot.waitSync(second, () => false),
    'for the second',
  );
});

test('input slot: a second request while one waits is a clear error', () => {
  const slot = new InputSlot(InputSlot.allocate());
  slot.begin();
  assert.throws(() => slot.begin(), /another input request is still waiting for its answer/);
});

test('input slot: answers longer than the capacity are truncated at a character boundary', () => {
  const slot = new InputSlot(InputSlot.allocate(4));
  const generation = slot.begin();
  slot.answer('ab✓');
  assert.equal(
    slot.waitSync(generation, () => false),
    'ab',
  );
});
