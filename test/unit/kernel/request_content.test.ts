import assert from 'node:assert/strict';
import { test } from 'node:test';
import { booleanField, codeAndCursor, integerField, stringField } from 'deconvlab-kernel/dist/request_content';
import type { Message } from 'deconvlab-kernel/dist/wire';

function request(content: Record<string, unknown>): Message {
  return { header: { msg_type: 'inspect_request' }, content } as unknown as Message;
}

test('request_content: fields of the right type are read, absent or null ones take the fallback', () => {
  const r = request({ code: 'abc', silent: true, n: 3, missing: null });
  assert.equal(stringField(r, 'code', ''), 'abc');
  assert.equal(booleanField(r, 'silent', false), true);
  assert.equal(integerField(r, 'n', 0, { min: 0, max: 5 }), 3);
  assert.equal(stringField(r, 'missing', 'x'), 'x');
  assert.equal(booleanField(r, 'absent', true), true);
  assert.deepEqual(codeAndCursor(request({ code: 'tf.' })), { code: 'tf.', cursor: 3 });
  assert.deepEqual(codeAndCursor(request({ code: 'tf.', cursor_pos: 1 })), { code: 'tf.', cursor: 1 });
});

test('request_content: a field of the wrong type names the request, the field, what was expected and what came', () => {
  assert.throws(() => stringField(request({ code: 5 }), 'code', ''), {
    name: 'RequestContentError',
    message: 'inspect_request: content.code must be a string, got 5',
  });
  assert.throws(() => booleanField(request({ silent: 'yes' }), 'silent', false), /content\.silent must be true or false, got "yes"/);
  assert.throws(() => integerField(request({ n: 1.5 }), 'n', 0), /content\.n must be an integer, got 1\.5/);
  assert.throws(() => codeAndCursor(request({ code: 'ab', cursor_pos: -1 })), /content\.cursor_pos must be an integer from 0 to 2, got -1/);
  assert.throws(
    () => codeAndCursor(request({ code: 'ab', cursor_pos: '1' })),
    /content\.cursor_pos must be an integer from 0 to 2, got "1"/,
  );
});
