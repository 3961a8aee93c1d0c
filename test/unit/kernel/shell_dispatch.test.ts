import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShellDispatch } from 'deconvlab-kernel/dist/shell_dispatch';
import type { Message } from 'deconvlab-kernel/dist/wire';

function message(msgType: string, id: string): Message {
  return {
    identities: [],
    header: { msg_id: id, msg_type: msgType, session: 's', username: 'u', date: '', version: '5.4' },
    parent_header: {},
    metadata: {},
    content: {},
    buffers: [],
  };
}

/** A dispatch whose handler records start/end and finishes each request when the test releases it. */
function recording() {
  const events: string[] = [];
  const release = new Map<string, () => void>();
  const dispatch = new ShellDispatch(async (request) => {
    events.push(`start ${request.header.msg_id}`);
    await new Promise<void>((resolve) => release.set(request.header.msg_id, resolve));
    events.push(`end ${request.header.msg_id}`);
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { events, release, dispatch, settle };
}

test('shell dispatch: execute requests run one after another, in arrival order', async () => {
  const { events, release, dispatch, settle } = recording();
  dispatch.dispatch(message('execute_request', 'e1'));
  dispatch.dispatch(message('execute_request', 'e2'));
  await settle();
  assert.deepEqual(events, ['start e1']);
  assert.equal(dispatch.runningExecute()?.header.msg_id, 'e1');
  release.get('e1')!();
  await settle();
  assert.deepEqual(events, ['start e1', 'end e1', 'start e2']);
  release.get('e2')!();
  await settle();
  assert.equal(dispatch.runningExecute(), undefined);
});

test('shell dispatch: other messages are handled while an execute request runs', async () => {
  const { events, release, dispatch, settle } = recording();
  dispatch.dispatch(message('execute_request', 'e1'));
  dispatch.dispatch(message('comm_msg', 'c1'));
  await settle();
  release.get('c1')!();
  await settle();
  assert.deepEqual(events, ['start c1', 'start e1', 'end c1']);
  release.get('e1')!();
});
