import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommManager } from 'deconvlab/dist/comm/manager';
import type { CommMsgType, CommTransport, IncomingCommMessage, JsonObject } from 'deconvlab/dist/comm/types';

interface Sent {
  msgType: CommMsgType;
  content: JsonObject;
  metadata: JsonObject;
  buffers: ArrayBufferView[];
}

function withTransport(): { manager: CommManager; sent: Sent[] } {
  const sent: Sent[] = [];
  const transport: CommTransport = {
    send: (msgType, content, metadata, buffers) => sent.push({ msgType, content, metadata, buffers }),
    parentMessageId: () => 'parent-1',
  };
  const manager = new CommManager();
  manager.setTransport(transport);
  return { manager, sent };
}

function incoming(msgType: CommMsgType, content: JsonObject, buffers: DataView[] = []): IncomingCommMessage {
  return { msgType, content, metadata: {}, buffers, msgId: `msg-${msgType}` };
}

test('comm: open without a transport (plain Node.js) is a clear error', () => {
  assert.throws(() => new CommManager().open('t'), /deconv\.comm needs the deconvlab Jupyter kernel/);
});

test('comm: open sends comm_open with data, metadata and buffers; close sends comm_close once', () => {
  const { manager, sent } = withTransport();
  const bytes = new Uint8Array([1, 2]);
  const comm = manager.open('t', { a: 1 }, { m: true }, [bytes]);
  assert.deepEqual(sent[0], {
    msgType: 'comm_open',
    content: { comm_id: comm.commId, target_name: 't', data: { a: 1 } },
    metadata: { m: true },
    buffers: [bytes],
  });
  assert.deepEqual(manager.info(), { [comm.commId]: { target_name: 't' } });
  comm.close({ bye: 1 });
  comm.close();
  assert.deepEqual(
    sent.slice(1).map((s) => [s.msgType, s.content]),
    [['comm_close', { comm_id: comm.commId, data: { bye: 1 } }]],
  );
  assert.equal(comm.closed, true);
  assert.deepEqual(manager.info(), {});
  assert.throws(() => comm.send({}), /is closed; open a new comm/);
});

test('comm: info filters by target name', () => {
  const { manager } = withTransport();
  const a = manager.open('a');
  manager.open('b');
  assert.deepEqual(manager.info('a'), { [a.commId]: { target_name: 'a' } });
  assert.deepEqual(manager.info('none'), {});
});

test('comm: a front-end comm_open reaches the registered target with data, buffers and msgId', async () => {
  const { manager } = withTransport();
  const seen: unknown[] = [];
  manager.registerTarget('t', (comm, open) => {
    seen.push(comm.commId, open.data, open.buffers.length, open.msgId);
  });
  await manager.receive(incoming('comm_open', { comm_id: 'c1', target_name: 't', data: { x: 1 } }, [new DataView(new ArrayBuffer(2))]));
  assert.deepEqual(seen, ['c1', { x: 1 }, 1, 'msg-comm_open']);
  assert.deepEqual(manager.info(), { c1: { target_name: 't' } });
});

test('comm: comm_open for an unknown target is answered with comm_close and reported', async () => {
  const { manager, sent } = withTransport();
  await assert.rejects(manager.receive(incoming('comm_open', { comm_id: 'c1', target_name: 'nope' })), {
    name: 'CommInputError',
    message: /unregistered target "nope": answered with comm_close/,
  });
  assert.deepEqual(
    sent.map((s) => [s.msgType, s.content]),
    [['comm_close', { comm_id: 'c1', data: {} }]],
  );
});

test('comm: malformed messages are rejected with what was expected, handlers not called', async () => {
  const { manager } = withTransport();
  const comm = manager.open('t');
  let calls = 0;
  comm.onMsg(() => void calls++);
  await assert.rejects(
    manager.receive(incoming('comm_msg', { comm_id: comm.commId, data: 'text' })),
    /data must be a JSON object; got string "text"/,
  );
  await assert.rejects(
    manager.receive(incoming('comm_msg', { comm_id: comm.commId, data: [1] })),
    /data must be a JSON object; got an array/,
  );
  await assert.rejects(
    manager.receive(incoming('comm_msg', { comm_id: 7, data: {} })),
    /comm_id must be a non-empty string .*; got number 7/,
  );
  await assert.rejects(
    manager.receive(incoming('comm_msg', { comm_id: 'unknown', data: {} })),
    /comm_msg for unknown comm "unknown": ignored/,
  );
  assert.equal(calls, 0);
});

test('comm: a throwing handler becomes a CommHandlerError naming the comm; a throwing target handler closes its comm', async () => {
  const { manager, sent } = withTransport();
  const comm = manager.open('t');
  comm.onMsg(async () => {
    throw new Error('boom');
  });
  await assert.rejects(manager.receive(incoming('comm_msg', { comm_id: comm.commId, data: {} })), {
    name: 'CommHandlerError',
    message: `comm_msg handler of comm ${comm.commId} (target "t") failed: Error: boom`,
  });
  manager.registerTarget('bad', () => {
    throw new TypeError('no');
  });
  await assert.rejects(
    manager.receive(incoming('comm_open', { comm_id: 'c2', target_name: 'bad' })),
    /comm target "bad" handler failed: TypeError: no/,
  );
  assert.deepEqual(sent.at(-1)?.content, { comm_id: 'c2', data: {} });
  assert.deepEqual(manager.info('bad'), {});
});

test('comm: a front-end comm_close calls onClose and removes the comm; the kernel does not echo a close', async () => {
  const { manager, sent } = withTransport();
  const comm = manager.open('t');
  let closedWith: unknown;
  comm.onClose((m) => (closedWith = m.data));
  await manager.receive(incoming('comm_close', { comm_id: comm.commId, data: { why: 'x' } }));
  comm.close();
  assert.deepEqual(closedWith, { why: 'x' });
  assert.equal(sent.filter((s) => s.msgType === 'comm_close').length, 0);
  assert.deepEqual(manager.info(), {});
});
