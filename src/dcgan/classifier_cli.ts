/**
 * `npm run train -- classifier --dataset mnist|fashion-mnist [--epochs N] [--seed S] [--out DIR]`: trains the
 * quality metric's LeNet-sized classifier on the whole training split and writes DIR/model.json (+ weights.bin) and
 * DIR/training.json (command, seed, epochs, time, test accuracy). DIR defaults to notebooks/weights/<dataset>/classifier.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-node';
import { fashionMnist } from '../data/fashion_mnist';
import { mnist } from '../data/mnist';
import { classifierDirectory, qualityClassifier, type QualityDataset } from './experiments/quality_classifier';

const USAGE = 'usage: npm run train -- classifier --dataset mnist|fashion-mnist [--epochs N] [--seed S] [--batch-size 128] [--out DIR]';

/** Runs the classifier training command on `args` (the words after `classifier`). */
export async function trainClassifierCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      dataset: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string', default: '0' },
      'batch-size': { type: 'string', default: '128' },
      out: { type: 'string' },
    },
  });
  const dataset = values.dataset as QualityDataset;
  if (dataset !== 'mnist' && dataset !== 'fashion-mnist')
    throw new Error(`--dataset must be mnist or fashion-mnist, got ${values.dataset ?? 'nothing'}\n${USAGE}`);
  const epochs = Number(values.epochs ?? (dataset === 'mnist' ? 3 : 8));
  const seed = Number(values.seed);
  const batchSize = Number(values['batch-size']);
  if (![epochs, seed, batchSize].every(Number.isInteger) || epochs < 1 || batchSize < 1)
    throw new Error(`--epochs, --seed and --batch-size must be integers\n${USAGE}`);
  const load = dataset === 'mnist' ? mnist : fashionMnist;
  const train = load({ split: 'train', shuffleSeed: seed });
  const test = load({ split: 'test' });
  const model = qualityClassifier(seed);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const started = Date.now();
  const history = await model.fit(train.images, train.labels!.cast('float32'), {
    epochs,
    batchSize,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochEnd: (epoch, logs) => console.log(`epoch ${epoch + 1}: loss ${logs?.loss.toFixed(4)} accuracy ${logs?.acc.toFixed(4)}`),
    },
  });
  const predicted = Array.from(tf.tidy(() => tf.argMax(model.predict(test.images) as tf.Tensor, 1).dataSync()));
  const truth = test.labels!.dataSync();
  const testAccuracy = predicted.reduce((n: number, p, i) => n + (p === truth[i] ? 1 : 0), 0) / truth.length;
  const out = values.out ?? classifierDirectory(dataset);
  mkdirSync(out, { recursive: true });
  await model.save(tf.io.fileSystem(out));
  const summary = {
    command: `npm run train -- classifier ${args.join(' ')}`,
    dataset,
    seed,
    epochs,
    batchSize,
    optimizer: 'adam 1e-3',
    trainCount: train.count,
    testCount: test.count,
    testAccuracy,
    seconds: (Date.now() - started) / 1000,
    tfjs: tf.version.tfjs,
    loss: history.history.loss,
    accuracy: history.history.acc,
  };
  writeFileSync(join(out, 'training.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`test accuracy ${(testAccuracy * 100).toFixed(2)}%; classifier in ${out}`);
}
