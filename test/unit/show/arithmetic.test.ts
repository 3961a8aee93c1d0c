import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';
import { validatePayload } from 'deconvlab-extension/lib-node/validate';
import { parseSvg } from '../util/parse_svg';

const MIME = 'application/vnd.deconvlab.conv-arithmetic+json';

test('arithmetic article case 1: input=2x2,k=3,full padding (conv of the transposed) -> 4x4, payload validates', () => {
  const bundle = deconv.arithmeticBundle(
    { kind: 'transposed', inputSize: 2, kernelSize: 3, stride: 1, padding: 0 },
    { title: 'no padding' },
  );
  const p = validatePayload('convArithmetic', bundle[MIME]);
  assert.deepEqual(p.trace.outputSize, [4, 4]);
  assert.equal(p.title, 'no padding');
  assert.equal(p.trace.direct.steps.length, 16);
  assert.match(
    bundle['text/plain'] as string,
    /^no padding\. Transposed convolution: input 2x2, kernel 3x3, stride 1x1, .* -> output 4x4 \(16 steps\)$/,
  );
});

test('arithmetic article case 2: input=3x3,k=3,s=2,p=1 transposed -> 5x5 with scatter and zero-insertion views', () => {
  const bundle = deconv.arithmeticBundle({ kind: 'transposed', inputSize: 3, kernelSize: 3, stride: 2, padding: 1 });
  const p = validatePayload('convArithmetic', bundle[MIME]);
  assert.deepEqual(p.trace.outputSize, [5, 5]);
  assert.equal(p.trace.direct.view, 'zero-insertion');
  assert.equal(p.trace.scatter?.steps.length, 9);
  // Static strip: 4 frames of the 25 zero-insertion steps (first and last included).
  const frames = parseSvg(bundle['image/svg+xml'] as string).texts.filter((t) => t.startsWith('step '));
  assert.deepEqual(
    frames.map((t) => t.split(':')[0]),
    ['step 1 of 25', 'step 9 of 25', 'step 17 of 25', 'step 25 of 25'],
  );
});

test('arithmetic conv input=5x5,k=3,s=2,p=1 with values -> 3x3, values validate', () => {
  const input = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => r * 5 + c));
  const kernel = [
    [1, 0, -1],
    [1, 0, -1],
    [1, 0, -1],
  ];
  const p = validatePayload(
    'convArithmetic',
    deconv.arithmeticBundle({ kind: 'conv', inputSize: 5, kernelSize: 3, stride: 2, padding: 1, input, kernel })[MIME],
  );
  assert.deepEqual(p.trace.outputSize, [3, 3]);
  assert.equal(p.trace.values?.output.length, 3);
});

test('arithmetic errors: a trace beyond the player caps names the sizes', () => {
  assert.throws(
    () => deconv.arithmeticBundle({ kind: 'conv', inputSize: 300, kernelSize: 3, stride: 1, padding: 0 }),
    /300x300 grid and 88804 steps; the player shows grids up to 256 cells a side/,
  );
});
