import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMessage, decode, encode, sign } from 'deconvlab-kernel/dist/wire';

// Golden signature from jupyter_client (Python), key b'secret':
//   Session(key=b'secret').sign([HEADER, b'{}', b'{}', b'{}'])
const HEADER = '{"msg_id":"1","msg_type":"kernel_info_request","session":"s","username":"u","date":"2024-01-01T00:00:00Z","version":"5.4"}';
const GOLDEN = '1eab9a34f88e0e1557b1a714cfd0c024ddab5c7b89cab2c7c4cc5cc063fe7db6';
const PARTS = [HEADER, '{}', '{}', '{}'].map((p) => Buffer.from(p));

test('sign: key=secret matches jupyter_client Session.sign', () => {
  assert.equal(sign('secret', PARTS), GOLDEN);
});

test('decode: frames signed by jupyter_client parse with identities', () => {
  const message = decode('secret', [Buffer.from('client-id'), Buffer.from('<IDS|MSG>'), Buffer.from(GOLDEN), ...PARTS]);
  assert.equal(message.header.msg_type, 'kernel_info_request');
  assert.deepEqual(message.identities, [Buffer.from('client-id')]);
  assert.deepEqual(message.content, {});
});

test('decode: a wrong signature is rejected with the rule', () => {
  const frames = [Buffer.from('<IDS|MSG>'), Buffer.from('0'.repeat(64)), ...PARTS];
  assert.throws(() => decode('secret', frames), /does not match the connection key/);
});

test('decode: a message without the delimiter is rejected', () => {
  assert.throws(() => decode('secret', PARTS), /no <IDS\|MSG> delimiter/);
});

test('decode: too few parts after the delimiter are rejected', () => {
  assert.throws(() => decode('secret', [Buffer.from('<IDS|MSG>'), Buffer.from(GOLDEN), PARTS[0]]), /needs a signature and 4 JSON parts/);
});

test('encode→decode: a reply keeps the parent header and routing identities', () => {
  const request = decode('secret', [Buffer.from('id'), Buffer.from('<IDS|MSG>'), Buffer.from(GOLDEN), ...PARTS]);
  const reply = createMessage('session-1', 'kernel_info_reply', { status: 'ok' }, request);
  const back = decode('secret', encode('secret', reply));
  assert.deepEqual(back.identities, [Buffer.from('id')]);
  assert.equal(back.parent_header.msg_id, '1');
  assert.equal(back.header.version, '5.4');
  assert.deepEqual(back.content, { status: 'ok' });
});

test('decode: a signed message whose header lacks msg_type is rejected', () => {
  const parts = ['{"msg_id":"1"}', '{}', '{}', '{}'].map((p) => Buffer.from(p));
  assert.throws(
    () => decode('secret', [Buffer.from('<IDS|MSG>'), Buffer.from(sign('secret', parts)), ...parts]),
    /string msg_id and msg_type/,
  );
});
