import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputSlot } from 'deconvlab-kernel/dist/input_slot';

test('input slot: an answer stored for a pending request is what the wait returns (UTF-8 kept)', () => {
  const slot = new InputSlot(InputSlot.allocate());
  slot.begin();
  assert.equal(slot.answer('héllo ✓'), true);
  assert.equal(
    slot.waitSync(() => false),
    'héllo ✓',
  );
});

test('input slot: answers with no pending request (late replies) are dropped', () => {
  const slot = new InputSlot(InputSlot.allocate());
  assert.equal(slot.answer('late'), false);
});

test('input slot: an interrupted wait returns undefined and frees the slot', async () => {
  const slot = new InputSlot(InputSlot.allocate());
  slot.begin();
  assert.equal(await slot.waitAsync(() => true), undefined);
  assert.equal(slot.answer('after the interrupt'), false);
  slot.begin();
});

test('input slot: a second request while one waits is a clear error', () => {
  const slot = new InputSlot(InputSlot.allocate());
  slot.begin();
  assert.throws(() => slot.begin(), /another input request is still waiting for its answer/);
});

test('input slot: answers longer than the capacity are truncated at a character boundary', () => {
  const slot = new InputSlot(InputSlot.allocate(4));
  slot.begin();
  slot.answer('ab✓');
  assert.equal(
    slot.waitSync(() => false),
    'ab',
  );
});
