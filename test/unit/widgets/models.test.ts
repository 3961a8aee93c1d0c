/**
 * Every model's `comm_open`, field by field, against the state ipywidgets 8.1.8 / anywidget 0.9.21 build for
 * the same keyword arguments (test/golden/widget_states.json, recipe: test/golden/make_widget_states_golden.py).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as deconv from 'deconvlab';
import { type FakeCommPort, installFakePort, type Sent } from './fake_comm';

const W = deconv.widgets;

interface GoldenCase {
  state: Record<string, unknown>;
  layout?: Record<string, unknown>;
  style?: Record<string, unknown>;
}

const golden = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'golden', 'widget_states.json'), 'utf8')) as {
  cases: Record<string, GoldenCase>;
};

const ESM = "export default { render({ model, el }) { el.textContent = model.get('count'); } }";

/** The same widgets in TypeScript, by the golden case names (ipywidgets' keyword arguments). */
const CASES: Record<string, () => deconv.widgets.Widget> = {
  'IntSlider()': () => W.intSlider(),
  "IntSlider(value=3, min=1, max=7, step=2, description='stride')": () =>
    W.intSlider({ value: 3, min: 1, max: 7, step: 2, description: 'stride' }),
  'FloatSlider()': () => W.floatSlider(),
  "FloatSlider(value=-0.5, min=-3, max=3, step=0.25, readout_format='.1f')": () =>
    W.floatSlider({ value: -0.5, min: -3, max: 3, step: 0.25, readoutFormat: '.1f' }),
  "Dropdown(options=['SAME', 'VALID'])": () => W.dropdown({ options: ['SAME', 'VALID'] }),
  "Dropdown(options=[1, 2, 3], value=2, description='k')": () => W.dropdown({ options: [1, 2, 3], value: 2, description: 'k' }),
  'Checkbox()': () => W.checkbox(),
  "Checkbox(value=True, description='scatter', indent=False)": () => W.checkbox({ value: true, description: 'scatter', indent: false }),
  'Button()': () => W.button(),
  "Button(description='Stop', icon='stop', button_style='danger')": () =>
    W.button({ description: 'Stop', icon: 'stop', buttonStyle: 'danger' }),
  'Text()': () => W.text(),
  "Text(value='digit', placeholder='title')": () => W.text({ value: 'digit', placeholder: 'title' }),
  'Play()': () => W.play(),
  'Play(max=15, interval=200)': () => W.play({ max: 15, interval: 200 }),
  'Output()': () => W.output(),
  'HBox()': () => W.hbox(),
  'VBox()': () => W.vbox(),
  "IntSlider(layout={'width': '300px'}, style={'description_width': 'initial'})": () =>
    W.intSlider({ layout: { width: '300px' }, style: { descriptionWidth: 'initial' } }),
  "AnyWidget(count=3, label='clicks')": () =>
    W.anywidget({ esm: ESM, css: '.counter { color: teal; }', id: '__main__.Counter', count: 3, label: 'clicks' }),
};

/** The open messages a factory sends: its layout and style models first, then the widget referring to them. */
function opens(
  port: FakeCommPort,
  make: () => deconv.widgets.Widget,
): { widget: deconv.widgets.Widget; byId: Map<string, Sent>; own: Sent } {
  const widget = make();
  const sent = port.sent.filter((m) => m.kind === 'open');
  const own = sent[sent.length - 1];
  assert.equal(own.commId, widget.modelId);
  return { widget, byId: new Map(sent.map((m) => [m.commId, m])), own };
}

for (const [name, make] of Object.entries(CASES)) {
  test(`comm_open of ${name} carries the full state ipywidgets sends, layout and style opened first`, () => {
    const port = installFakePort();
    const expected = golden.cases[name];
    assert.ok(expected, `golden case ${name}`);
    const { byId, own } = opens(port, make);
    assert.equal(own.target, 'jupyter.widget');
    assert.deepEqual(own.metadata, { version: '2.1.0' });
    assert.deepEqual(own.data.buffer_paths, []);
    const state = { ...(own.data.state as Record<string, unknown>) };
    for (const key of ['layout', 'style'] as const) {
      if (!(key in expected.state)) continue;
      const ref = state[key] as string;
      assert.match(ref, /^IPY_MODEL_comm-\d+$/);
      const part = byId.get(ref.slice('IPY_MODEL_'.length));
      assert.ok(part, `${key} model opened before the widget`);
      assert.deepEqual(part.data.state, expected[key], `${key} state`);
      assert.deepEqual(part.metadata, { version: '2.1.0' });
      state[key] = `<${key}>`;
    }
    assert.deepEqual(state, expected.state);
  });
}

test('a widget displays as widget-view+json {model_id, version 2.1} with a text/plain summary', () => {
  installFakePort();
  const slider = W.intSlider({ value: 3, min: 1, max: 7, description: 'stride' });
  assert.deepEqual(deconv.toMimeBundle(slider), {
    'application/vnd.jupyter.widget-view+json': { model_id: slider.modelId, version_major: 2, version_minor: 1 },
    'text/plain': "IntSlider(value=3, description='stride')",
  });
  const box = W.vbox({ children: [slider, W.output()] });
  assert.equal(deconv.toMimeBundle(box)['text/plain'], "VBox(IntSlider(value=3, description='stride'), Output())");
  slider.close();
  assert.deepEqual(deconv.toMimeBundle(slider), { 'text/plain': "IntSlider(value=3, description='stride') (closed)" });
});

test('box children are references to the child models, in order', () => {
  const port = installFakePort();
  const a = W.intSlider();
  const b = W.checkbox();
  const { own } = opens(port, () => W.hbox({ children: [a, b], boxStyle: 'info' }));
  assert.deepEqual((own.data.state as Record<string, unknown>).children, [`IPY_MODEL_${a.modelId}`, `IPY_MODEL_${b.modelId}`]);
  assert.equal((own.data.state as Record<string, unknown>).box_style, 'info');
});

test('bad options: clear errors naming the option and what was expected, and no comm opened', () => {
  const port = installFakePort();
  assert.throws(() => W.intSlider({ value: 2.5 }), /^Error: IntSlider option value must be an integer, got 2\.5$/);
  assert.throws(() => W.intSlider({ value: 200 }), /IntSlider: value 200 is outside \[min, max\] = \[0, 100\]/);
  assert.throws(() => W.intSlider({ min: 5, max: 1, value: 3 }), /IntSlider: min 5 is above max 1/);
  assert.throws(() => W.floatSlider({ step: 0 }), /FloatSlider: step must be > 0, got 0/);
  assert.throws(
    () => W.intSlider({ mni: 1 } as never),
    /IntSlider has no option "mni"; its options are tooltip, tabbable, domClasses, description, disabled, value, min, max, step, behavior, continuousUpdate, orientation, readout, readoutFormat, layout, style/,
  );
  assert.throws(
    () => W.intSlider({ orientation: 'diagonal' as never }),
    /IntSlider option orientation must be one of "horizontal", "vertical", got 'diagonal'/,
  );
  assert.throws(() => W.intSlider({ layout: { widht: '3px' } }), /layout has no property "widht"; it has alignContent, alignItems/);
  assert.throws(
    () => W.intSlider({ style: { buttonColor: 'red' } }),
    /style has no property "buttonColor" here; SliderStyleModel has descriptionWidth, handleColor/,
  );
  assert.throws(() => W.dropdown({ options: [] }), /Dropdown needs options: a non-empty array of values, got \[\]/);
  assert.throws(() => W.dropdown({ options: ['a'], value: 'b' }), /Dropdown value 'b' is not one of the options \[ 'a' \]/);
  assert.throws(() => W.hbox({ children: [{} as never] }), /HBox children must be an array of widgets/);
  assert.throws(() => W.output({ style: {} } as never), /Output has no style option/);
  assert.throws(() => W.anywidget({ esm: '' }), /anywidget needs esm: the text of an ES module exporting render/);
  assert.throws(() => W.anywidget({ esm: ESM, layout: {}, _esm: 'x' }), /anywidget state "_esm" clashes with a key of the widget model/);
  assert.equal(port.sent.length, 0);
});

test('outside the kernel, creating a widget says where widgets work (deconv.comm is the default port)', () => {
  deconv.widgets.setCommPort(undefined);
  assert.throws(() => W.intSlider(), /deconv.comm needs the deconvlab Jupyter kernel/);
});
