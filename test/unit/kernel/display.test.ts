import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDisplaySink, tslabDisplayWriter, wireBundle } from 'deconvlab-kernel/dist/display';

test('wireBundle: JSON MIME types given as text become JSON values; other text stays text', () => {
  const bundle = wireBundle({
    'application/vnd.x+json': '{"a": [1]}',
    'application/json': '[2]',
    'text/plain': '{"a": 1}',
    'application/vnd.y+json': 'not json',
  });
  assert.deepEqual(bundle, {
    'application/vnd.x+json': { a: [1] },
    'application/json': [2],
    'text/plain': '{"a": 1}',
    'application/vnd.y+json': 'not json',
  });
});

test('wireBundle: bytes become base64 (image/png from a Uint8Array view)', () => {
  const bytes = new Uint8Array([0, 137, 80, 78, 71, 0]).subarray(1, 5);
  assert.equal(wireBundle({ 'image/png': bytes })['image/png'], 'iVBORw==');
});

test('display sink: display, update and clear map to display_data, update_display_data, clear_output', () => {
  const sent: [string, Record<string, unknown>][] = [];
  const sink = createDisplaySink((type, content) => sent.push([type, content]));
  sink({ kind: 'display', data: { 'text/plain': 'a' }, displayId: 'd' });
  sink({ kind: 'display', data: { 'text/plain': 'b' } });
  sink({ kind: 'update', data: { 'text/plain': 'c' }, displayId: 'd' });
  sink({ kind: 'clear', wait: true });
  assert.deepEqual(sent, [
    ['display_data', { data: { 'text/plain': 'a' }, metadata: {}, transient: { display_id: 'd' } }],
    ['display_data', { data: { 'text/plain': 'b' }, metadata: {}, transient: {} }],
    ['update_display_data', { data: { 'text/plain': 'c' }, metadata: {}, transient: { display_id: 'd' } }],
    ['clear_output', { wait: true }],
  ]);
});

test("tslab's display writer: a first write displays, a rewrite of the same id updates", () => {
  const kinds: string[] = [];
  const write = tslabDisplayWriter((message) => kinds.push(message.kind));
  write({ data: { 'text/html': '<b>x</b>' }, metadata: {}, transient: { display_id: 'id' } }, false);
  write({ data: { 'text/html': '<b>y</b>' }, metadata: {}, transient: { display_id: 'id' } }, true);
  write({ data: { 'text/html': '<b>z</b>' }, metadata: {}, transient: {} }, false);
  assert.deepEqual(kinds, ['display', 'update', 'display']);
});
