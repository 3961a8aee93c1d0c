import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { validatePayload } from 'deconvlab-extension/lib-node/validate';

const MIME = 'application/vnd.deconvlab.training+json';

/** A history of `n` steps with one NaN generator loss at step 3. */
function history(n: number): deconv.TrainingHistoryInput {
  const steps = Array.from({ length: n }, (_, i) => i);
  return {
    step: steps,
    lossG: steps.map((i) => (i === 3 ? NaN : 1 + i / n)),
    lossD: steps.map(() => 0.7),
    dReal: steps.map(() => 0.6),
    dFake: steps.map(() => 0.4),
  };
}

test('training state with samples: payload validates, NaN becomes null, samples are an image grid', () => {
  const samples = tf.randomUniform([4, 8, 8, 1], -1, 1);
  const before = tf.memory().numTensors;
  const bundle = deconv.trainingBundle({
    step: 10,
    totalSteps: 100,
    epoch: 1,
    totalEpochs: 5,
    elapsedSeconds: 75,
    etaSeconds: 675,
    history: history(10),
    samples,
  });
  assert.equal(tf.memory().numTensors, before, 'the builder leaked tensors');
  const p = validatePayload('training', bundle[MIME]);
  assert.equal(p.history.lossG[3], null);
  assert.equal(p.samples?.count, 4);
  assert.equal(
    bundle['text/plain'],
    'Training (running): step 10/100, epoch 1/5; loss G 1.900, loss D 0.7000, D(x) 0.6000, D(G(z)) 0.4000; elapsed 1m15s, ETA 11m15s',
  );
});

test('training quality per epoch: validates, infinite FID becomes null, the latest is in the text; bad fractions are refused', () => {
  const quality = [
    { epoch: 1, fid: Infinity, kid: 2.5, precision: 0.25, recall: 0 },
    { epoch: 2, fid: 12.345, kid: 0.4567, precision: 0.7, recall: 0.5 },
  ];
  const bundle = deconv.trainingBundle({ step: 4, epoch: 2, history: history(4), quality });
  const p = validatePayload('training', bundle[MIME]);
  assert.deepEqual(p.quality, [{ ...quality[0], fid: null }, quality[1]]);
  assert.match(String(bundle['text/plain']), /; quality after epoch 2: FID 12.35, KID 0.457, precision 0.70, recall 0.50; elapsed/);
  assert.throws(() => validatePayload('training', { ...p, quality: [{ ...quality[1], recall: 2 }] }), /recall/);
  assert.throws(
    () => deconv.trainingBundle({ step: 1, history: history(1), quality: [{ ...quality[1], precision: -0.1 }] }),
    /quality\[0\].precision must be a fraction in \[0, 1\], got -0.1/,
  );
});

test('training history of 12000 steps is thinned to 5000 points keeping the last', () => {
  const p = validatePayload('training', deconv.trainingBundle({ step: 11999, history: history(12000) })[MIME]);
  assert.equal(p.history.step.length, 5000);
  assert.equal(p.history.step[4999], 11999);
  assert.ok(
    p.history.step.every((s, i) => i === 0 || s > p.history.step[i - 1]),
    'steps stay increasing',
  );
});

test('training errors: unequal series, negative step, infinite ETA', () => {
  const h = history(3);
  h.dFake.pop();
  assert.throws(() => deconv.trainingBundle({ step: 3, history: h }), /history.dFake has 2 values but history.step has 3/);
  assert.throws(() => deconv.trainingBundle({ step: -1, history: history(1) }), /step must be an integer in 0..1e9, got -1/);
  assert.throws(
    () => deconv.trainingBundle({ step: 1, etaSeconds: Infinity, history: history(1) }),
    /etaSeconds must be a finite number of seconds in 0..1e9, got Infinity/,
  );
});

test('show.training: one display then updates with the same displayId, throttled, closed as done', () => {
  const messages: deconv.DisplayMessage[] = [];
  deconv.setDisplaySink((m) => messages.push(m));
  try {
    const before = tf.memory().numTensors;
    const run = (minIntervalMs: number) => {
      const dash = deconv.show.training({ title: 'mnist', totalSteps: 50, minIntervalMs });
      for (let step = 1; step <= 5; step++) {
        const samples = tf.zeros([2, 4, 4, 1]);
        dash.update({ step, epoch: 0, lossG: 1, lossD: 1, dReal: 0.5, dFake: 0.5, samples });
        samples.dispose();
      }
      dash.close();
      return dash;
    };
    run(0);
    assert.deepEqual(
      messages.map((m) => m.kind),
      ['display', 'update', 'update', 'update', 'update', 'update', 'update'],
      'unthrottled: every update sent',
    );
    messages.length = 0;
    const dash = run(60_000);
    assert.equal(tf.memory().numTensors, before, 'the dashboard leaked tensors');
    assert.deepEqual(
      messages.map((m) => m.kind),
      ['display', 'update'],
      'throttled: only the display and the closing update',
    );
    const last = messages[1];
    assert.ok(last.kind === 'update' && last.displayId === dash.displayId);
    const p = validatePayload('training', last.data[MIME]);
    assert.deepEqual([p.status, p.step, p.history.step.length, p.samples?.count], ['done', 5, 5, 2]);
    assert.throws(() => dash.update({ step: 6, lossG: 1, lossD: 1, dReal: 0.5, dFake: 0.5 }), /update\(\) after close\(\)/);
  } finally {
    deconv.setDisplaySink(undefined);
  }
});
