/**
 * `npm run train -- --epochs N --seed S --out DIR [...]`: trains the DCGAN on MNIST (or the synthetic shapes) and
 * writes DIR/generator/model.json, DIR/discriminator/model.json (+ weights.bin) and DIR/training.json. Checkpoints go
 * to DIR/checkpoints (or --checkpoints); --resume continues a killed run; Ctrl-C stops after the current step.
 * `npm run train -- classifier --dataset mnist|fashion-mnist` trains the quality metric's classifier (classifier_cli.ts).
 */
import '../onednn'; // before tfjs-node loads: TensorFlow reads TF_ENABLE_ONEDNN_OPTS once, at load
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-node';
import { fashionMnist } from '../data/fashion_mnist';
import { mnist } from '../data/mnist';
import { shapes } from '../data/shapes';
import { trainClassifierCli } from './classifier_cli';
import { discriminator } from './discriminator';
import { generator } from './generator';
import { train } from './train';

const USAGE = `usage: npm run train -- --epochs N --out DIR [--seed S] [--dataset mnist|fashion-mnist|shapes] [--image-size 28|32|64]
  [--width 64] [--kernel-size 5] [--z-dim 100] [--batch-size 128] [--lr 2e-4] [--beta1 0.5] [--count N]
  [--checkpoints DIR] [--checkpoint-every 1] [--resume] [--log-every STEPS] [--minutes M] [--quality-count 1000]
  [--conditional] [--no-bn-affine]
  (--quality-count: samples scored by experiments.quality after each epoch on mnist/fashion-mnist; 0 turns it off;
   --conditional: class-conditional G and D on the 10 labels (mnist/fashion-mnist); --no-bn-affine: batch norm without
   learned scale and offset, as the paper's conditional MNIST model; --count N trains on the first N of the split
   shuffled by --seed, the rest being the held-out validation digits)`;

const OPTIONS = {
  epochs: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string', default: '0' },
  dataset: { type: 'string', default: 'mnist' },
  'image-size': { type: 'string' },
  width: { type: 'string', default: '64' },
  'kernel-size': { type: 'string', default: '5' },
  'z-dim': { type: 'string', default: '100' },
  'batch-size': { type: 'string', default: '128' },
  lr: { type: 'string', default: '2e-4' },
  beta1: { type: 'string', default: '0.5' },
  count: { type: 'string' },
  checkpoints: { type: 'string' },
  'checkpoint-every': { type: 'string', default: '1' },
  resume: { type: 'boolean', default: false },
  'log-every': { type: 'string', default: '0' },
  minutes: { type: 'string' },
  'quality-count': { type: 'string', default: '1000' },
  conditional: { type: 'boolean', default: false },
  'no-bn-affine': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function number(name: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(value))
    throw new Error(`--${name} needs a number, got ${text ?? 'nothing'}\n${USAGE}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS, strict: true });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw new Error(`--out DIR is required\n${USAGE}`);
  if (!['mnist', 'fashion-mnist', 'shapes'].includes(values.dataset))
    throw new Error(`--dataset must be mnist, fashion-mnist or shapes, got ${values.dataset}`);
  const isMnist = values.dataset !== 'shapes';
  if (values.conditional && !isMnist)
    throw new Error(`--conditional needs labelled data (--dataset mnist or fashion-mnist), got ${values.dataset}`);
  const classes = values.conditional ? 10 : 0;
  const imageSize = number('image-size', values['image-size'] ?? (isMnist ? '28' : '64'));
  const seed = number('seed', values.seed);
  const count = values.count === undefined ? undefined : number('count', values.count);
  const data = isMnist
    ? (values.dataset === 'mnist' ? mnist : fashionMnist)({ count, pad32: imageSize === 32, shuffleSeed: seed })
    : shapes({ count, imageSize, seed });
  const arch = {
    imageSize,
    channels: data.channels,
    width: number('width', values.width),
    kernelSize: number('kernel-size', values['kernel-size']),
    seed,
    classes,
    batchNormAffine: !values['no-bn-affine'],
  };
  const g = generator({ ...arch, zDim: number('z-dim', values['z-dim']) });
  const d = discriminator(arch);
  const out = values.out;
  const checkpointDir = values.checkpoints ?? join(out, 'checkpoints');
  const logEvery = number('log-every', values['log-every']);
  const controller = new AbortController();
  process.on('SIGINT', () => {
    console.log('interrupted: stopping after the current step');
    controller.abort();
  });
  if (values.minutes !== undefined) setTimeout(() => controller.abort(), number('minutes', values.minutes) * 60_000).unref();
  const started = Date.now();
  const qualityCount = number('quality-count', values['quality-count']);
  const quality = isMnist && qualityCount > 0 ? { dataset: values.dataset as 'mnist' | 'fashion-mnist', count: qualityCount } : undefined;
  const history = await train({
    quality,
    generator: g,
    discriminator: d,
    data,
    classes,
    epochs: number('epochs', values.epochs),
    seed,
    batchSize: number('batch-size', values['batch-size']),
    learningRate: number('lr', values.lr),
    beta1: number('beta1', values.beta1),
    checkpointDir,
    checkpointEvery: number('checkpoint-every', values['checkpoint-every']),
    resume: values.resume,
    signal: controller.signal,
    onStep: (s) => {
      if (logEvery > 0 && s.step % logEvery === 0) {
        console.log(
          `step ${s.step} epoch ${s.epoch + 1}: D loss ${s.dLoss.toFixed(4)} G loss ${s.gLoss.toFixed(4)} D(x) ${s.dReal.toFixed(3)} D(G(z)) ${s.dFake.toFixed(3)}`,
        );
      }
    },
    onEpoch: (e) => {
      const q = e.quality
        ? `; quality FID ${e.quality.fid.toFixed(2)} KID ${e.quality.kid.toFixed(3)} precision ${e.quality.precision.toFixed(3)} recall ${e.quality.recall.toFixed(3)}`
        : '';
      console.log(
        `epoch ${e.epoch + 1}: ${e.steps} steps in ${e.seconds.toFixed(1)} s, D loss ${e.dLoss.toFixed(4)} G loss ${e.gLoss.toFixed(4)} D(x) ${e.dReal.toFixed(3)} D(G(z)) ${e.dFake.toFixed(3)}${q}`,
      );
    },
  });
  mkdirSync(out, { recursive: true });
  await g.save(tf.io.fileSystem(join(out, 'generator')));
  await d.save(tf.io.fileSystem(join(out, 'discriminator')));
  const summary = {
    command: `npm run train -- ${process.argv.slice(2).join(' ')}`,
    dataset: values.dataset,
    architecture: { ...arch, zDim: (g.inputs[0].shape[1] as number) - classes },
    data: { count: data.count, shuffleSeed: isMnist ? seed : undefined, imageSize: data.imageSize, channels: data.channels },
    epochs: history.epoch,
    steps: history.step,
    aborted: history.aborted,
    resumedFrom: history.resumedFrom,
    seconds: (Date.now() - started) / 1000,
    tfjs: tf.version.tfjs,
    history: history.epochs,
  };
  writeFileSync(join(out, 'training.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`${history.aborted ? 'stopped' : 'done'} after ${history.epoch} epochs (${history.step} steps); models in ${out}`);
}

(process.argv[2] === 'classifier' ? trainClassifierCli(process.argv.slice(3)) : main()).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
