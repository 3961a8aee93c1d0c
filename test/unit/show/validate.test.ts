import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { base64ByteLength, decodeBase64 } from 'deconvlab-extension/lib-node/decode';
import { MIME_TYPES, PayloadError, validatePayload, type View } from 'deconvlab-extension/lib-node/validate';
import { scaledMs, TIME_FACTOR } from '../util/time_factor';

/** A valid payload of each view, made by the module's builders. */
function valid(): Record<View, Record<string, unknown>> {
  const x = tf.linspace(0, 1, 2 * 3 * 2).reshape([2, 3, 2]);
  const samples = tf.zeros([2, 2, 2, 1]);
  const h = { step: [1, 2], lossG: [1, 2], lossD: [1, 2], dReal: [0.5, 0.5], dFake: [0.5, 0.5] };
  const payloads = {
    featureMaps: deconv.featureMapsBundle(x)[MIME_TYPES.featureMaps],
    imageGrid: deconv.imagesBundle(samples)[MIME_TYPES.imageGrid],
    convArithmetic: deconv.arithmeticBundle({
      kind: 'transposed',
      inputSize: 2,
      kernelSize: 3,
      stride: 2,
      padding: 1,
      input: [
        [1, 2],
        [3, 4],
      ],
      kernel: [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
    })[MIME_TYPES.convArithmetic],
    training: deconv.trainingBundle({ step: 2, history: h, samples })[MIME_TYPES.training],
  };
  tf.dispose([x, samples]);
  return JSON.parse(JSON.stringify(payloads));
}

/** Asserts that the mutated payload is rejected with a PayloadError matching `message`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mutations poke at untyped JSON
function rejects(view: View, mutate: (p: any) => void, message: RegExp): void {
  const p = valid()[view];
  mutate(p);
  assert.throws(
    () => validatePayload(view, p),
    (e: unknown) => e instanceof PayloadError && message.test(e.message),
  );
}

test('MIME types come from the schemas and match the module', () => {
  assert.deepEqual({ ...MIME_TYPES }, { ...deconv.MIME_TYPES });
});

test('valid payloads of all four views pass', () => {
  for (const [view, p] of Object.entries(valid())) validatePayload(view as View, p);
});

test('malformed: unknown version, missing field, JSON string, not an object', () => {
  rejects('featureMaps', (p) => (p.version = 2), /payload version 2 is not supported: this extension reads version 1/);
  rejects('imageGrid', (p) => delete p.version, /payload version missing is not supported/);
  rejects('featureMaps', (p) => delete p.data, /at \(top level\): must have required property 'data'/);
  rejects('training', (p) => (p.extra = 1), /must NOT have additional properties \("extra"\)/);
  assert.throws(() => validatePayload('imageGrid', JSON.stringify(valid().imageGrid)), /is a JSON string, not a JSON object/);
  assert.throws(() => validatePayload('imageGrid', [1]), /must be a JSON object, got an array/);
});

test('malformed: negative and zero sizes, non-integers, wrong enum', () => {
  rejects('featureMaps', (p) => (p.height = -3), /at \/height: must be >= 1/);
  rejects('imageGrid', (p) => (p.count = 0), /at \/count: must be >= 1/);
  rejects('imageGrid', (p) => (p.width = 2.5), /at \/width: must be integer/);
  rejects('imageGrid', (p) => (p.channels = 4), /at \/channels: must be equal to one of the allowed values \(\[1,3\]\)/);
  rejects('convArithmetic', (p) => (p.trace.outputSize = [-1, 5]), /at \/trace\/outputSize\/0: must be >= 1/);
});

test('malformed: NaN and Infinity (1e400 parses to Infinity) are rejected', () => {
  rejects('featureMaps', (p) => (p.min[0] = NaN), /at \/min\/0: must be number/);
  rejects('featureMaps', (p) => (p.max[0] = JSON.parse('1e400')), /at \/max\/0: must be number/);
  rejects('training', (p) => (p.elapsedSeconds = Infinity), /at \/elapsedSeconds: must be number/);
  rejects('convArithmetic', (p) => (p.trace.values.input[0][0] = NaN), /values\/input\/0\/0: must be number/);
});

test('malformed: wrong lengths between fields', () => {
  rejects('featureMaps', (p) => p.mean.pop(), /mean has 1 values but channels is 2/);
  rejects('featureMaps', (p) => (p.data = p.data.slice(0, -4)), /data holds \d+ bytes but 2x3x2 needs 12/);
  rejects('featureMaps', (p) => (p.data = 'abc'), /data holds malformed base64/);
  rejects('imageGrid', (p) => (p.captions = ['one']), /captions has 1 entries but count is 2/);
  rejects('training', (p) => p.history.dReal.pop(), /history.dReal has 1 values but history.step has 2/);
  rejects('training', (p) => (p.samples.count = 3), /samples: data holds 8 bytes but 3 images of 2x2x1 needs 12/);
  rejects('convArithmetic', (p) => (p.trace.direct.grid.cells[0] += 'p'), /direct.grid.cells must be \d+ strings of \d+ characters/);
  rejects('convArithmetic', (p) => (p.trace.direct.steps[0][0] = 99), /direct step writes output cell \(99, 0\) outside/);
  rejects('convArithmetic', (p) => delete p.trace.scatter, /a transposed trace needs a scatter view/);
  rejects('convArithmetic', (p) => p.trace.values.output.pop(), /values.output must be/);
});

test('malformed: a 50 MB payload is rejected by the size cap without decoding', () => {
  const started = Date.now();
  rejects('imageGrid', (p) => (p.data = 'A'.repeat(50 * 1024 * 1024)), /at \/data: must NOT have more than 16777216 characters/);
  rejects('imageGrid', (p) => (p.captions = new Array(100_000).fill('x')), /at \/captions: must NOT have more than 1024 items/);
  const elapsed = Date.now() - started;
  assert.ok(
    elapsed < scaledMs(2000),
    `rejecting huge payloads must be quick: ${elapsed} ms (limit 2 s x DECONVLAB_TEST_TIME_FACTOR ${TIME_FACTOR})`,
  );
});

test('hostile strings are text to the validator (the renderer must insert them as text)', () => {
  const p = valid().imageGrid;
  p.title = '<img src=x onerror="window.__xss=1">';
  assert.equal(validatePayload('imageGrid', p).title, p.title);
});

test('decodeBase64 and base64ByteLength agree with Buffer for 0..5 bytes', () => {
  for (let n = 0; n <= 5; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) % 256);
    const b64 = Buffer.from(bytes).toString('base64');
    assert.equal(base64ByteLength(b64), n, `length of ${b64}`);
    assert.deepEqual(decodeBase64(b64), bytes);
  }
});

test('the generated payload types and standalone validators are what the schemas give (regenerating changes nothing)', () => {
  const script = join(__dirname, '..', '..', '..', '..', 'contract', 'scripts', 'generate.mjs');
  execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });
});
