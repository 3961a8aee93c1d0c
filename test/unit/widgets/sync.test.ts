/**
 * State sync in both directions with the exact widget protocol 2.1.0 messages (packages/schema/messages.md):
 * `update`, `echo_update` (sent before the change is applied, as ipywidgets' set_state does), `request_state`,
 * `custom` clicks, binary state as buffers with `buffer_paths`, and the `jupyter.widget.control` comm's
 * `request_states` → `update_states`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mock, test } from 'node:test';
import * as deconv from 'deconvlab';
import { installFakePort } from './fake_comm';

const W = deconv.widgets;

/** Runs `fn` and returns the lines the widgets wrote to the kernel log. */
async function logged(fn: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const writeSync = mock.method(fs, 'writeSync', (fd: number, text: string) => {
    if (fd === 2) lines.push(String(text).trim());
    return 0;
  });
  try {
    await fn();
  } finally {
    writeSync.mock.restore();
  }
  return lines;
}

test('kernel sets .value: one update {value}, observers get {name, old, new}; the same value again sends nothing', () => {
  const port = installFakePort();
  const slider = W.intSlider({ max: 10 });
  const changes: unknown[] = [];
  slider.observe((change) => void changes.push(change));
  const from = port.sent.length;
  slider.value = 4;
  slider.value = 4;
  assert.deepEqual(port.since(from), [
    { commId: slider.modelId, kind: 'msg', data: { method: 'update', state: { value: 4 }, buffer_paths: [] }, metadata: {}, buffers: [] },
  ]);
  assert.deepEqual(changes, [{ name: 'value', old: 0, new: 4 }]);
  assert.equal(slider.value, 4);
  assert.throws(() => (slider.value = 11), /IntSlider: value 11 is outside \[min, max\] = \[0, 10\]/);
  assert.throws(() => slider.set({ _model_name: 'X' }), /IntSlider._model_name is fixed when the widget is created/);
  slider.set({ max: 20, value: 15 });
  assert.deepEqual(port.sent.at(-1)?.data, { method: 'update', state: { max: 20, value: 15 }, buffer_paths: [] });
});

test('front-end update: echo_update first, then value and observers; an observer update follows the echo', async () => {
  const port = installFakePort();
  const slider = W.intSlider({ max: 10 });
  const label = W.text();
  const seen: unknown[] = [];
  slider.observe((change) => {
    seen.push({ ...change, value: slider.value });
    label.value = `stride ${change.new}`;
  });
  const from = port.sent.length;
  await port.comm(slider).receive({ method: 'update', state: { value: 7 }, buffer_paths: [] });
  assert.equal(slider.value, 7);
  assert.deepEqual(seen, [{ name: 'value', old: 0, new: 7, value: 7 }]);
  assert.deepEqual(
    port.since(from).map((m) => [m.commId, m.data]),
    [
      [slider.modelId, { method: 'echo_update', state: { value: 7 }, buffer_paths: [] }],
      [label.modelId, { method: 'update', state: { value: 'stride 7' }, buffer_paths: [] }],
    ],
  );
});

test('request_state: one update with the full state', async () => {
  const port = installFakePort();
  const box = W.checkbox({ value: true, description: 'scatter' });
  const opened = port.sent.find((m) => m.commId === box.modelId && m.kind === 'open')!;
  const from = port.sent.length;
  await port.comm(box).receive({ method: 'request_state' });
  assert.deepEqual(port.since(from), [
    { commId: box.modelId, kind: 'msg', data: { method: 'update', state: opened.data.state, buffer_paths: [] }, metadata: {}, buffers: [] },
  ]);
});

test('hostile updates: unknown keys, wrong types, read-only keys and out-of-range values are logged and ignored; valid keys in the same message still apply', async () => {
  const port = installFakePort();
  const slider = W.intSlider({ max: 10, value: 2 });
  let calls = 0;
  slider.observe(() => void calls++);
  const comm = port.comm(slider);
  const from = port.sent.length;
  const lines = await logged(async () => {
    await comm.receive({ method: 'update', state: { value: 'three' } });
    await comm.receive({ method: 'update', state: { value: 99 } });
    await comm.receive({ method: 'update', state: { max: 1000 } });
    // As JSON.parse gives it: "__proto__" as an own key, not the prototype.
    await comm.receive({ method: 'update', state: JSON.parse('{"__proto__": {"value": 1}, "nope": true, "value": 5}') });
    await comm.receive({ method: 'update', state: 'value=5' });
    await comm.receive({ method: 'update', state: [] });
    await comm.receive({ method: 'explode' });
    await comm.receive({});
  });
  const id = slider.modelId;
  assert.deepEqual(lines, [
    `[deconvlab widgets] IntSlider ${id}: ignored value = 'three' from the front end: expected an integer`,
    `[deconvlab widgets] IntSlider ${id}: ignored value = 99 from the front end: value 99 is outside [min, max] = [0, 10]; change min or max first, or set them together with set({ min, max, value })`,
    `[deconvlab widgets] IntSlider ${id}: ignored max = 1000 from the front end: the front end may not set it`,
    `[deconvlab widgets] IntSlider ${id}: ignored __proto__ = { value: 1 } from the front end: not a state key of this widget`,
    `[deconvlab widgets] IntSlider ${id}: ignored nope = true from the front end: not a state key of this widget`,
    `[deconvlab widgets] IntSlider ${id}: ignored an update whose state is 'value=5', not an object`,
    `[deconvlab widgets] IntSlider ${id}: ignored an update whose state is [], not an object`,
    `[deconvlab widgets] IntSlider ${id}: ignored a message with method 'explode'; expected "update", "request_state" or "custom"`,
    `[deconvlab widgets] IntSlider ${id}: ignored a message with method undefined; expected "update", "request_state" or "custom"`,
  ]);
  assert.equal(slider.value, 5);
  assert.equal(calls, 1);
  assert.equal(Object.getPrototypeOf({}).value, undefined);
  // A refused value is answered with the kernel's value so the views show it again; the valid one is echoed.
  assert.deepEqual(
    port.since(from).map((m) => m.data),
    [
      { method: 'update', state: { value: 2 }, buffer_paths: [] },
      { method: 'update', state: { value: 2 }, buffer_paths: [] },
      { method: 'echo_update', state: { value: 5 }, buffer_paths: [] },
    ],
  );
});

test('hostile buffers: paths through __proto__, a count mismatch and non-array paths are refused whole (oversized buffers are dropped by the kernel before)', async () => {
  const port = installFakePort();
  const widget = W.anywidget({ esm: 'export default {}', meta: { shape: [2] } });
  const comm = port.comm(widget);
  const bytes = new DataView(new Uint8Array([1, 2]).buffer);
  const lines = await logged(async () => {
    await comm.receive({ method: 'update', state: { meta: {} }, buffer_paths: [['__proto__', 'polluted']] }, [bytes]);
    await comm.receive(
      {
        method: 'update',
        state: { meta: {} },
        buffer_paths: [
          ['meta', 'data'],
          ['meta', 'more'],
        ],
      },
      [bytes],
    );
    await comm.receive({ method: 'update', state: { meta: {} }, buffer_paths: 'meta' }, [bytes]);
  });
  const id = widget.modelId;
  assert.deepEqual(lines, [
    `[deconvlab widgets] AnyWidget ${id}: ignored an update: buffer path ["__proto__","polluted"] does not lead into the state`,
    `[deconvlab widgets] AnyWidget ${id}: ignored an update: 2 buffer_paths for 1 buffers`,
    `[deconvlab widgets] AnyWidget ${id}: ignored an update: buffer_paths must be an array of paths, got string`,
  ]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(widget.get('meta'), { shape: [2] });
});

test('binary state: bytes leave the state as buffers with buffer_paths, in comm_open, update and echo_update', async () => {
  const port = installFakePort();
  const pixels = new Uint8Array([0, 128, 255]);
  const widget = W.anywidget({ esm: 'export default {}', pixels, meta: { shape: [3], data: new Float32Array([0.5]) } });
  const opened = port.sent.at(-1)!;
  assert.deepEqual(opened.data, {
    state: { ...(opened.data.state as object), meta: { shape: [3] } },
    buffer_paths: [['pixels'], ['meta', 'data']],
  });
  assert.equal('pixels' in (opened.data.state as object), false);
  assert.deepEqual(
    opened.buffers.map((b) => [...new Uint8Array(b.buffer, b.byteOffset, b.byteLength)]),
    [
      [0, 128, 255],
      [0, 0, 0, 63],
    ],
  );

  const from = port.sent.length;
  const incoming = new DataView(new Uint8Array([9, 8]).buffer);
  const changes: unknown[] = [];
  widget.observe((c) => void changes.push(c.name), 'pixels');
  await port.comm(widget).receive({ method: 'update', state: {}, buffer_paths: [['pixels']] }, [incoming]);
  const value = widget.get('pixels') as DataView;
  assert.deepEqual([...new Uint8Array(value.buffer, value.byteOffset, value.byteLength)], [9, 8]);
  assert.deepEqual(changes, ['pixels']);
  assert.deepEqual(port.since(from), [
    {
      commId: widget.modelId,
      kind: 'msg',
      data: { method: 'echo_update', state: {}, buffer_paths: [['pixels']] },
      metadata: {},
      buffers: [incoming],
    },
  ]);
  widget.set({ pixels: new Uint8Array([7]) });
  assert.deepEqual(port.sent.at(-1)!.data, { method: 'update', state: {}, buffer_paths: [['pixels']] });
  assert.throws(() => widget.set({ pixels: 'x' }), /AnyWidget.pixels must be bytes \(an ArrayBuffer view\), got 'x'/);
});

test('jupyter.widget.control: request_states → update_states with every open widget, buffer paths under [model_id, "state"]', async () => {
  const port = installFakePort();
  const slider = W.intSlider({ value: 3 });
  const blob = W.anywidget({ esm: 'export default {}', data: new Uint8Array([1]) });
  const control = await port.frontEndOpen('jupyter.widget.control', { version: '1.0.0' });
  const from = port.sent.length;
  await control.receive({ method: 'request_states' });
  const [reply] = port.since(from);
  assert.equal(reply.commId, control.commId);
  assert.equal(reply.data.method, 'update_states');
  const states = reply.data.states as Record<
    string,
    { model_name: string; model_module: string; model_module_version: string; state: Record<string, unknown> }
  >;
  const opened = port.sent.filter((m) => m.kind === 'open');
  assert.deepEqual(
    Object.keys(states),
    opened.map((m) => m.commId),
  );
  for (const m of opened.filter((o) => o.commId !== blob.modelId)) {
    const state = m.data.state as Record<string, unknown>;
    assert.deepEqual(states[m.commId], {
      model_name: state._model_name,
      model_module: state._model_module,
      model_module_version: state._model_module_version,
      state,
    });
  }
  assert.equal(states[slider.modelId].state.value, 3);
  assert.deepEqual(reply.data.buffer_paths, [[blob.modelId, 'state', 'data']]);
  assert.deepEqual(
    reply.buffers.map((b) => [...new Uint8Array(b.buffer, b.byteOffset, b.byteLength)]),
    [[1]],
  );

  slider.close();
  await control.receive({ method: 'request_states' });
  assert.equal(slider.modelId in (port.sent.at(-1)!.data.states as object), false);
});

test('jupyter.widget.control: another protocol major is closed, unknown methods logged', async () => {
  const port = installFakePort();
  W.intSlider();
  let closed: Awaited<ReturnType<typeof port.frontEndOpen>> | undefined;
  const lines = await logged(async () => {
    closed = await port.frontEndOpen('jupyter.widget.control', { version: '2.0.0' });
    const control = await port.frontEndOpen('jupyter.widget.control', { version: '1.0.0' });
    await control.receive({ method: 'request_everything' });
  });
  assert.equal(closed!.closed, true);
  assert.deepEqual(lines, [
    '[deconvlab widgets] closed a jupyter.widget.control comm asking for control protocol "2.0.0"; this kernel speaks 1.0.0',
    '[deconvlab widgets] ignored a jupyter.widget.control message with method "request_everything"; only "request_states" is known',
  ]);
});

test('button: custom {event: "click"} runs onClick; a throwing callback is reported under the button and the kernel goes on', async () => {
  const port = installFakePort();
  const stop = W.button({ description: 'Stop' });
  const clicks: string[] = [];
  stop.onClick((b) => void clicks.push(b.modelId));
  stop.onClick(() => {
    throw new Error('boom');
  });
  const errors: string[] = [];
  const consoleError = mock.method(console, 'error', (text: string) => void errors.push(text));
  try {
    await port.comm(stop).receive({ method: 'custom', content: { event: 'click' } });
    await port.comm(stop).receive({ method: 'custom', content: { event: 'hover' } });
    await port.comm(stop).receive({ method: 'custom', content: null });
  } finally {
    consoleError.mock.restore();
  }
  assert.deepEqual(clicks, [stop.modelId]);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^Button message handler failed: Error: boom/);
});

test('a throwing observer of a front-end change is reported; the change stands and later messages are handled', async () => {
  const port = installFakePort();
  const box = W.checkbox();
  box.observe(() => {
    throw new Error('observer broke');
  });
  const errors: string[] = [];
  const consoleError = mock.method(console, 'error', (text: string) => void errors.push(text));
  try {
    await port.comm(box).receive({ method: 'update', state: { value: true } });
    await port.comm(box).receive({ method: 'update', state: { value: false } });
  } finally {
    consoleError.mock.restore();
  }
  assert.equal(box.value, false);
  assert.equal(errors.length, 2);
  assert.match(errors[0], /^Checkbox observer failed: Error: observer broke/);
});

test('dropdown: the front end sets index; .value and observers speak option values', async () => {
  const port = installFakePort();
  const padding = W.dropdown({ options: [0, 1, 2], labels: ['none', 'one', 'two'], value: 1 });
  const seen: unknown[] = [];
  padding.observe((change) => void seen.push(change));
  await port.comm(padding).receive({ method: 'update', state: { index: 2 } });
  assert.equal(padding.value, 2);
  assert.deepEqual(seen, [{ name: 'value', old: 1, new: 2 }]);
  const lines = await logged(() => port.comm(padding).receive({ method: 'update', state: { index: 3 } }));
  assert.match(lines[0], /ignored index = 3 from the front end: index 3 is not in \[0, 2\]/);
  padding.value = 0;
  assert.deepEqual(port.sent.at(-1)!.data, { method: 'update', state: { index: 0 }, buffer_paths: [] });
  assert.throws(() => (padding.value = 5), /Dropdown value 5 is not one of the options \[ 0, 1, 2 \]/);
});

test('close: the widget, its layout and style comms close; a front-end comm_close forgets the widget', () => {
  const port = installFakePort();
  const slider = W.intSlider();
  const ids = port.sent.filter((m) => m.kind === 'open').map((m) => m.commId);
  slider.close();
  assert.deepEqual(
    port.sent
      .filter((m) => m.kind === 'close')
      .map((m) => m.commId)
      .sort(),
    [...ids].sort(),
  );
  assert.throws(() => (slider.value = 1), /IntSlider comm-\d+ is closed; create a new widget/);
  const text = W.text();
  port.comm(text).receiveClose();
  assert.equal(text.closed, true);
  assert.equal(deconv.widgets.openWidgets().includes(text), false);
});

/** Per value widget: a value the front end may send, one of the wrong type, and one kernel code may set. */
const VALUE_CASES: Array<[string, () => deconv.widgets.Widget, string, unknown, unknown, unknown]> = [
  ['IntSlider', () => W.intSlider({ max: 10 }), 'value', 4, 4.5, 6],
  ['FloatSlider', () => W.floatSlider({ min: -1, max: 1 }), 'value', -0.25, '0.5', 0.75],
  ['Checkbox', () => W.checkbox(), 'value', true, 1, false],
  ['Text', () => W.text(), 'value', 'typed', null, 'set'],
  ['Play', () => W.play({ max: 20 }), 'playing', true, 'yes', false],
  ['Play', () => W.play({ max: 20 }), 'value', 11, -1, 3],
  ['Dropdown', () => W.dropdown({ options: ['a', 'b', 'c'] }), 'index', 2, '2', 1],
];

for (const [name, make, key, good, bad, kernelValue] of VALUE_CASES) {
  test(`${name}.${key}: front-end ${JSON.stringify(good)} → echo_update; ${JSON.stringify(bad)} → refused and resynced; kernel set → update`, async () => {
    const port = installFakePort();
    const widget = make();
    const comm = port.comm(widget);
    const before = widget.fullState()[key];
    let from = port.sent.length;
    await comm.receive({ method: 'update', state: { [key]: good }, buffer_paths: [] });
    assert.deepEqual(
      port.since(from).map((m) => m.data),
      [{ method: 'echo_update', state: { [key]: good }, buffer_paths: [] }],
    );
    assert.equal(widget.fullState()[key], good);
    from = port.sent.length;
    const lines = await logged(() => comm.receive({ method: 'update', state: { [key]: bad }, buffer_paths: [] }));
    assert.equal(lines.length, 1);
    assert.match(lines[0], new RegExp(`ignored ${key} = .* from the front end: `));
    assert.deepEqual(
      port.since(from).map((m) => m.data),
      [{ method: 'update', state: { [key]: good }, buffer_paths: [] }],
    );
    from = port.sent.length;
    widget.set({ [key]: kernelValue });
    assert.deepEqual(
      port.since(from).map((m) => m.data),
      [{ method: 'update', state: { [key]: kernelValue }, buffer_paths: [] }],
    );
    assert.notDeepEqual(before, good);
  });
}
