/**
 * interact: the controls ipywidgets' abbreviations give, the first run before the box is shown, re-runs on
 * front-end changes inside the output area (clear_output wait), errors shown there with the controls alive,
 * tensors of each run disposed, and one coalesced re-run while an async run is in progress.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { installFakePort, recordDisplays } from './fake_comm';

const W = deconv.widgets;

function openState(port: ReturnType<typeof installFakePort>, widget: deconv.widgets.Widget): Record<string, unknown> {
  return port.sent.find((m) => m.kind === 'open' && m.commId === widget.modelId)!.data.state as Record<string, unknown>;
}

test('abbreviations: ranges → IntSlider / FloatSlider with the middle value on a step (as ipywidgets), arrays → Dropdown, boolean → Checkbox, string → Text, widgets as given', () => {
  const port = installFakePort();
  const mine = W.play({ max: 5 });
  const stop = recordDisplays(port);
  const ui = W.interact(() => undefined, {
    i: [1, 4],
    s: [0, 10, 3],
    f: [0, 1.5],
    g: [-1, 1, 0.5],
    p: ['SAME', 'VALID'],
    b: true,
    t: 'x',
    w: mine,
  });
  stop();
  const c = ui.controls;
  const pick = (w: deconv.widgets.Widget, ...keys: string[]) => Object.fromEntries(keys.map((k) => [k, openState(port, w)[k]]));
  assert.deepEqual(pick(c.i, '_model_name', 'min', 'max', 'step', 'value', 'description'), {
    _model_name: 'IntSliderModel',
    min: 1,
    max: 4,
    step: 1,
    value: 2,
    description: 'i',
  });
  assert.deepEqual(pick(c.s, '_model_name', 'step', 'value'), { _model_name: 'IntSliderModel', step: 3, value: 3 });
  assert.deepEqual(pick(c.f, '_model_name', 'step', 'value'), { _model_name: 'FloatSliderModel', step: 0.1, value: 0.75 });
  assert.deepEqual(pick(c.g, '_model_name', 'step', 'value'), { _model_name: 'FloatSliderModel', step: 0.5, value: 0 });
  assert.deepEqual(pick(c.p, '_model_name', '_options_labels', 'index'), {
    _model_name: 'DropdownModel',
    _options_labels: ['SAME', 'VALID'],
    index: 0,
  });
  assert.deepEqual(pick(c.b, '_model_name', 'value'), { _model_name: 'CheckboxModel', value: true });
  assert.deepEqual(pick(c.t, '_model_name', 'value'), { _model_name: 'TextModel', value: 'x' });
  assert.equal(c.w, mine);
  assert.deepEqual(ui.values(), { i: 2, s: 3, f: 0.75, g: 0, p: 'SAME', b: true, t: 'x', w: 0 });
  assert.deepEqual((openState(port, ui.widget).children as string[]).at(-1), ui.output.reference);
  ui.close();
  assert.equal(mine.closed, false);
  assert.equal(c.i.closed && c.p.closed && ui.output.closed && ui.widget.closed, true);
});

test('bad controls: clear errors, and the controls made so far are closed', () => {
  installFakePort();
  assert.throws(
    () => W.interact(() => 1, {}),
    /interact needs controls: an object like \{ stride: \[1, 4\], padding: \['SAME', 'VALID'\] \}/,
  );
  assert.throws(() => W.interact(() => 1, { a: [1, 4], b: [3, 3] }), /interact: the range of "b" must have min < max, got \[3, 3\]/);
  assert.throws(() => W.interact(() => 1, { a: [0, 4, -1] }), /interact: the step of "a" must be > 0, got -1/);
  assert.throws(
    () => W.interact(() => 1, { a: 5 as never }),
    /interact: the control "a" must be \[min, max\], \[min, max, step\], an array of options, a boolean, a string or a widget with a value; got 5/,
  );
  assert.throws(() => W.interact(() => 1, { go: W.button() as never }), /interact: the control "go" is a Button, which has no value/);
  assert.throws(() => W.interact('f' as never, { a: true }), /interact needs a function as its first argument, got 'f'/);
  // Only the button given by the test is left open (with its layout and style): the slider made for "a" was closed.
  assert.deepEqual(
    deconv.widgets
      .openWidgets()
      .map((w) => w.name)
      .sort(),
    ['Button', 'ButtonStyle', 'Layout'],
  );
});

test('first run is captured before the box is shown (with its image as fallback); a front-end change re-runs inside the output area', async () => {
  const port = installFakePort();
  const stop = recordDisplays(port);
  const calls: unknown[] = [];
  const ui = W.interact(
    (v) => {
      calls.push(v);
      deconv.display({ 'image/png': `png-${v.stride}`, 'text/plain': `stride ${v.stride}` }, { raw: true });
    },
    { stride: [1, 3] },
  );
  const out = ui.output.modelId;
  const first = port.sent.filter((m) => (m.commId === out && m.kind === 'msg') || m.commId === 'iopub').map((m) => m.data);
  assert.deepEqual(first, [
    { method: 'update', state: { msg_id: 'execute-1' }, buffer_paths: [] },
    { kind: 'clear', wait: true },
    { kind: 'display', data: { 'image/png': 'png-2', 'text/plain': 'stride 2' } },
    { method: 'update', state: { msg_id: '' }, buffer_paths: [] },
    { kind: 'display', data: deconv.toMimeBundle(ui.widget) },
  ]);
  assert.equal((first[4] as { data: Record<string, unknown> }).data['image/png'], 'png-2');

  const from = port.sent.length;
  await port.comm(ui.controls.stride).receive({ method: 'update', state: { value: 3 } }, [], 'slider-msg-7');
  stop();
  assert.deepEqual(
    port.since(from).map((m) => m.data),
    [
      { method: 'echo_update', state: { value: 3 }, buffer_paths: [] },
      { method: 'update', state: { msg_id: 'slider-msg-7' }, buffer_paths: [] },
      { kind: 'clear', wait: true },
      { kind: 'display', data: { 'image/png': 'png-3', 'text/plain': 'stride 3' } },
      { method: 'update', state: { msg_id: '' }, buffer_paths: [] },
    ],
  );
  assert.deepEqual(calls, [{ stride: 2 }, { stride: 3 }]);
});

test('an error in fn shows as text in the output area; the controls stay alive and the next change runs again', async () => {
  const port = installFakePort();
  const stop = recordDisplays(port);
  const ui = W.interact(
    ({ k }) => {
      if (k > 3) throw new Error(`kernel ${k} is too large`);
      return `k = ${k}`;
    },
    { k: [1, 5] },
  );
  const shown = () =>
    port.sent
      .filter((m) => m.commId === 'iopub' && m.data.kind === 'display')
      .map((m) => (m.data.data as Record<string, unknown>)['text/plain']);
  assert.deepEqual(shown().slice(0, 1), ['k = 3']);
  await port.comm(ui.controls.k).receive({ method: 'update', state: { value: 5 } });
  await port.comm(ui.controls.k).receive({ method: 'update', state: { value: 2 } });
  stop();
  assert.deepEqual(
    shown().filter((t) => !String(t).startsWith('VBox')),
    ['k = 3', 'Error: kernel 5 is too large', 'k = 2'],
  );
});

test("tensors: a sync run disposes every tensor it made, its result included; an async run's tensors go when the next run starts", async () => {
  const port = installFakePort();
  const stop = recordDisplays(port);
  const before = tf.memory().numTensors;
  const sync = W.interact(({ n }) => tf.ones([n]).mul(2).sum(), { n: [1, 9] });
  assert.equal(tf.memory().numTensors, before);
  await port.comm(sync.controls.n).receive({ method: 'update', state: { value: 7 } });
  assert.equal(tf.memory().numTensors, before);

  const asyncUi = W.interact(
    async ({ n }) => {
      const x = tf.ones([n]);
      await Promise.resolve();
      return x.mul(3);
    },
    { n: [1, 9] },
  );
  await asyncUi.update();
  assert.equal(tf.memory().numTensors, before + 2);
  await port.comm(asyncUi.controls.n).receive({ method: 'update', state: { value: 2 } });
  assert.equal(tf.memory().numTensors, before + 2);
  asyncUi.close();
  stop();
  assert.equal(tf.memory().numTensors, before);
});

test('an async fn still running when changes arrive is followed by exactly one run with the latest values', async () => {
  const port = installFakePort();
  const stop = recordDisplays(port);
  const runs: number[] = [];
  const gates: Array<() => void> = [];
  const ui = W.interact(
    async ({ n }) => {
      runs.push(n);
      await new Promise<void>((resolve) => gates.push(resolve));
    },
    { n: [0, 10] },
  );
  const slider = port.comm(ui.controls.n);
  const a = slider.receive({ method: 'update', state: { value: 1 } });
  const b = slider.receive({ method: 'update', state: { value: 2 } });
  const c = slider.receive({ method: 'update', state: { value: 3 } });
  assert.deepEqual(runs, [5]);
  gates.shift()!();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(runs, [5, 3]);
  gates.shift()!();
  await Promise.all([a, b, c]);
  stop();
  assert.deepEqual(runs, [5, 3]);
});
