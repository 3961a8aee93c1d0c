import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

/** Runs `fn` with a sink that records every display message. */
function capture(fn: () => void): deconv.DisplayMessage[] {
  const messages: deconv.DisplayMessage[] = [];
  deconv.setDisplaySink((m) => messages.push(m));
  try {
    fn();
  } finally {
    deconv.setDisplaySink(undefined);
  }
  return messages;
}

test('display raw bundle with displayId, then update by id', () => {
  const messages = capture(() => {
    deconv.display({ 'text/html': '<b>x</b>', 'text/plain': 'x' }, { raw: true, displayId: 'd1' });
    deconv.display({ 'text/plain': 'y' }, { raw: true, displayId: 'd1', update: true });
  });
  assert.deepEqual(messages, [
    { kind: 'display', data: { 'text/html': '<b>x</b>', 'text/plain': 'x' }, displayId: 'd1' },
    { kind: 'update', data: { 'text/plain': 'y' }, displayId: 'd1' },
  ]);
});

test('display uses [Symbol.for("Jupyter.display")] (the Deno protocol), tensor summaries and text', () => {
  const custom = { [Symbol.for('Jupyter.display')]: () => ({ 'text/markdown': '**hi**' }) };
  const t = tf.tensor1d([1, 2, 3]);
  const messages = capture(() => {
    deconv.display(custom);
    deconv.display(t);
    deconv.display('plain');
    deconv.display({ a: 1 });
  });
  assert.deepEqual(messages[0].kind === 'display' && messages[0].data, { 'text/markdown': '**hi**' });
  assert.deepEqual(messages[1].kind === 'display' && messages[1].data, { 'text/plain': deconv.summary(t) });
  assert.deepEqual(messages[2].kind === 'display' && messages[2].data, { 'text/plain': 'plain' });
  assert.deepEqual(messages[3].kind === 'display' && messages[3].data, { 'text/plain': '{ a: 1 }' });
  t.dispose();
});

test('clearOutput sends clear with wait', () => {
  assert.deepEqual(
    capture(() => deconv.clearOutput({ wait: true })),
    [{ kind: 'clear', wait: true }],
  );
  assert.deepEqual(
    capture(() => deconv.clearOutput()),
    [{ kind: 'clear', wait: false }],
  );
});

test('display errors: raw non-bundle, update without id, bad custom bundle', () => {
  assert.throws(() => deconv.display('text', { raw: true }), /with raw: true the value must be a MIME bundle/);
  assert.throws(() => deconv.display('x', { update: true }), /update: true needs the displayId/);
  assert.throws(() => deconv.display({ [Symbol.for('Jupyter.display')]: () => 42 }), /must return a MIME bundle such as/);
});

test('show.featureMaps / images / arithmetic emit one display bundle each with the vendor MIME type', () => {
  const x = tf.zeros([4, 4, 2]);
  const messages = capture(() => {
    deconv.show.featureMaps(x);
    deconv.show.images(x.slice([0, 0, 0], [4, 4, 1]));
    deconv.show.arithmetic({ kind: 'conv', inputSize: 4, kernelSize: 3, stride: 1, padding: 0 });
  });
  assert.deepEqual(
    messages.map((m) => m.kind === 'display' && Object.keys(m.data)),
    [
      [deconv.MIME_TYPES.featureMaps, 'image/svg+xml', 'text/plain'],
      [deconv.MIME_TYPES.imageGrid, 'image/svg+xml', 'text/plain'],
      [deconv.MIME_TYPES.convArithmetic, 'image/svg+xml', 'text/plain'],
    ],
  );
  x.dispose();
});
