import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';

const ARCH = { imageSize: 8, channels: 1, width: 2, zDim: 3 } as const;

function contents(step: number, seed: number): deconv.dcgan.CheckpointContents {
  const generator = deconv.dcgan.generator({ ...ARCH, seed });
  const discriminator = deconv.dcgan.discriminator({ ...ARCH, seed });
  const adamState = (m: tf.LayersModel): deconv.dcgan.AdamState => ({
    step,
    m: m.trainableWeights.map((w) => tf.fill(w.shape as number[], seed)),
    v: m.trainableWeights.map((w) => tf.fill(w.shape as number[], step)),
  });
  return {
    generator,
    discriminator,
    generatorOptimizer: adamState(generator),
    discriminatorOptimizer: adamState(discriminator),
    state: {
      epoch: step,
      stepInEpoch: 0,
      step,
      config: { seed, batchSize: 4, dataCount: 8, learningRate: 2e-4, beta1: 0.5, zDim: 3 },
      history: { steps: [step] },
    },
  };
}

function release(c: deconv.dcgan.CheckpointContents): void {
  c.generator.dispose();
  c.discriminator.dispose();
  tf.dispose([c.generatorOptimizer, c.discriminatorOptimizer].flatMap((s) => [...s.m, ...s.v]));
}

test('save then load returns the same weights, optimizer moments and state', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
  const saved = contents(5, 2);
  const path = await deconv.dcgan.saveCheckpoint(dir, saved);
  assert.equal(path, join(dir, 'ckpt-000000005'));
  const loaded = await deconv.dcgan.loadCheckpoint(path);
  assert.deepEqual(loaded.state, saved.state);
  saved.generator.getWeights().forEach((w, i) => assert.deepEqual(loaded.generator.getWeights()[i].dataSync(), w.dataSync()));
  assert.equal(loaded.discriminatorOptimizer.step, 5);
  assert.deepEqual(loaded.generatorOptimizer.m[0].dataSync(), saved.generatorOptimizer.m[0].dataSync());
  assert.deepEqual(loaded.discriminatorOptimizer.v[1].dataSync(), saved.discriminatorOptimizer.v[1].dataSync());
  release(saved);
  release(loaded);
});

test('crash between writing and renaming: the previous checkpoint stays the latest and loads intact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
  const first = contents(1, 1);
  const committed = await deconv.dcgan.saveCheckpoint(dir, first);
  const second = contents(2, 2);
  // The process "dies" here: files written under the temporary name, never renamed.
  const tmp = join(dir, '.tmp-ckpt-000000002-crashed');
  await deconv.dcgan.writeCheckpointFiles(tmp, second);
  assert.equal(deconv.dcgan.latestCheckpoint(dir), committed);
  const loaded = await deconv.dcgan.loadCheckpoint(deconv.dcgan.latestCheckpoint(dir)!);
  assert.equal(loaded.state.step, 1);
  first.generator.getWeights().forEach((w, i) => assert.deepEqual(loaded.generator.getWeights()[i].dataSync(), w.dataSync()));
  // A crash after the directory rename but before LATEST is replaced: the renamed checkpoint is complete and found.
  deconv.dcgan.commitCheckpoint(dir, tmp, 'ckpt-000000002');
  writeFileSync(join(dir, 'LATEST'), 'ckpt-000000007\n');
  assert.equal(deconv.dcgan.latestCheckpoint(dir), join(dir, 'ckpt-000000002'));
  assert.equal(
    readdirSync(dir).some((n) => n.startsWith('.tmp-')),
    false,
  );
  [first, second, loaded].forEach(release);
});

test('keeps the two newest checkpoints', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
  for (const step of [1, 2, 3]) {
    const c = contents(step, step);
    await deconv.dcgan.saveCheckpoint(dir, c);
    release(c);
  }
  assert.deepEqual(
    readdirSync(dir)
      .filter((n) => n.startsWith('ckpt-'))
      .sort(),
    ['ckpt-000000002', 'ckpt-000000003'],
  );
  assert.equal(readFileSync(join(dir, 'LATEST'), 'utf8').trim(), 'ckpt-000000003');
});

test('truncated weights, corrupt bytes, truncated state.json and missing files are named in the error', async () => {
  const fresh = async (): Promise<string> => {
    const c = contents(4, 4);
    const path = await deconv.dcgan.saveCheckpoint(mkdtempSync(join(tmpdir(), 'ckpt-')), c);
    release(c);
    return path;
  };
  const truncated = await fresh();
  const weights = join(truncated, 'generator', 'weights.bin');
  truncateSync(weights, 10);
  await assert.rejects(
    deconv.dcgan.loadCheckpoint(truncated),
    new RegExp(`checkpoint file ${weights} is truncated or corrupt: 10 bytes, expected \\d+`),
  );

  const corrupt = await fresh();
  const optimizer = join(corrupt, 'optimizer.bin');
  const bytes = readFileSync(optimizer);
  bytes[3] ^= 0xff;
  writeFileSync(optimizer, bytes);
  await assert.rejects(deconv.dcgan.loadCheckpoint(corrupt), /optimizer.bin is corrupt: its SHA-256 does not match state.json/);

  const halfState = await fresh();
  const state = join(halfState, 'state.json');
  truncateSync(state, 40);
  await assert.rejects(deconv.dcgan.loadCheckpoint(halfState), /state.json is corrupt or truncated/);

  const missing = await fresh();
  const { rmSync } = await import('node:fs');
  rmSync(join(missing, 'discriminator', 'model.json'));
  await assert.rejects(deconv.dcgan.loadCheckpoint(missing), /discriminator\/model.json is missing/);
  assert.equal(existsSync(join(missing, 'state.json')), true);
});
