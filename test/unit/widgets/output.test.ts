/**
 * Output widget capture: `msg_id` is set to the message whose output is produced now while `fn` runs (the
 * front end routes output with that parent into the widget) and reset to '' after; the last image shown
 * inside becomes the static fallback of the widget's display.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';
import { installFakePort, recordDisplays } from './fake_comm';

const W = deconv.widgets;

test('capture: msg_id = the running message while fn runs, its displays in between, then msg_id = ""', () => {
  const port = installFakePort();
  const out = W.output();
  const stop = recordDisplays(port);
  const from = port.sent.length;
  const result = out.capture(() => {
    deconv.display({ 'text/plain': 'inside' }, { raw: true });
    return 42;
  });
  stop();
  assert.equal(result, 42);
  assert.deepEqual(
    port.since(from).map((m) => m.data),
    [
      { method: 'update', state: { msg_id: 'execute-1' }, buffer_paths: [] },
      { kind: 'display', data: { 'text/plain': 'inside' } },
      { method: 'update', state: { msg_id: '' }, buffer_paths: [] },
    ],
  );
});

test('capture nests (msg_id reset once, by the outermost) and follows an async fn until it settles', async () => {
  const port = installFakePort();
  const out = W.output();
  const from = port.sent.length;
  out.capture(() => out.capture(() => undefined));
  assert.deepEqual(
    port.since(from).map((m) => (m.data.state as { msg_id: string }).msg_id),
    ['execute-1', ''],
  );
  let release!: () => void;
  const pending = out.capture(() => new Promise<void>((resolve) => (release = resolve)));
  assert.equal(out.fullState().msg_id, 'execute-1');
  release();
  await pending;
  assert.equal(out.fullState().msg_id, '');
  assert.throws(
    () =>
      out.capture(() => {
        throw new Error('inner');
      }),
    /inner/,
  );
  assert.equal(out.fullState().msg_id, '');
});

test('the last static figure shown inside (SVG preferred, else PNG) is the display fallback of the output and of boxes holding it', () => {
  const port = installFakePort();
  const out = W.output();
  const box = W.vbox({ children: [W.intSlider(), out] });
  assert.equal(deconv.toMimeBundle(box)['image/png'], undefined);
  const stop = recordDisplays(port);
  out.capture(() => {
    deconv.display({ 'image/png': 'AAAA', 'text/plain': 'first' }, { raw: true });
    deconv.display({ 'image/png': 'BBBB', 'text/plain': 'second' }, { raw: true });
    deconv.display({ 'text/plain': 'text only' }, { raw: true });
  });
  assert.equal(deconv.toMimeBundle(out)['image/png'], 'BBBB');
  out.capture(() => deconv.display({ 'image/svg+xml': '<svg/>', 'image/png': 'DDDD' }, { raw: true }));
  assert.equal(deconv.toMimeBundle(out)['image/svg+xml'], '<svg/>');
  out.capture(() => deconv.display({ 'image/png': 'BBBB' }, { raw: true }));
  deconv.display({ 'image/png': 'CCCC' }, { raw: true });
  stop();
  assert.equal(deconv.toMimeBundle(out)['image/png'], 'BBBB');
  assert.deepEqual(deconv.toMimeBundle(box), {
    'application/vnd.jupyter.widget-view+json': { model_id: box.modelId, version_major: 2, version_minor: 1 },
    'text/plain': 'VBox(IntSlider(value=0), Output())',
    'image/png': 'BBBB',
  });
});

test('outputs synced back by the front end are accepted (array of output objects); clear() empties them', async () => {
  const port = installFakePort();
  const out = W.output();
  const outputs = [{ output_type: 'stream', name: 'stdout', text: 'hi\n' }];
  await port.comm(out).receive({ method: 'update', state: { outputs } });
  assert.deepEqual(out.fullState().outputs, outputs);
  out.clear();
  assert.deepEqual(port.sent.at(-1)!.data, { method: 'update', state: { outputs: [] }, buffer_paths: [] });
});
