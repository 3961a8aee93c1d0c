// One DCGAN training step: deconvlab's composed step (deconv.dcgan.trainStep: one G forward, D on real and fake
// once each, fused TF batch-norm/activation gradients, lean Adam) against the straightforward tfjs-node step
// (optimizer.minimize per network, each re-running the forward passes through tfjs's tape), measured in the same
// process, interleaved, after warm-up; medians. Architectures: the TF tutorial's MNIST net at batch 256 and the
// paper's 64×64 net (width 128: 4×4×1024 … 64×64×3) at batch 64.
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import type { BenchRow, BenchRun } from './bench_row';

interface Case {
  name: string;
  arch: deconv.dcgan.ArchitectureOptions;
  batch: number;
  rounds: number;
}

const CASES: Case[] = [
  { name: 'DCGAN step, TF-tutorial MNIST net 28x28 (k5), batch 256', arch: { imageSize: 28, channels: 1, width: 64 }, batch: 256, rounds: 7 },
  { name: 'DCGAN step, paper 64x64 net (width 128, k5), batch 64', arch: { imageSize: 64, channels: 3, width: 128 }, batch: 64, rounds: 3 },
];

const ADAM = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };

/** Our step on its own copy of the networks. */
function oursStep(c: Case): { step: (real: tf.Tensor4D, z: tf.Tensor2D) => void; dispose: () => void } {
  const g = deconv.dcgan.generator({ ...c.arch, seed: 1 });
  const d = deconv.dcgan.discriminator({ ...c.arch, seed: 2 });
  const [gc, dc] = [new deconv.dcgan.LayerChain(g), new deconv.dcgan.LayerChain(d)];
  const [gOpt, dOpt] = [new deconv.dcgan.Adam(gc.params, ADAM), new deconv.dcgan.Adam(dc.params, ADAM)];
  return {
    step: (real, z) => {
      const stats = deconv.dcgan.trainStep(gc, dc, gOpt, dOpt, real, z);
      stats.dataSync();
      stats.dispose();
    },
    dispose: () => [g, d, gOpt, dOpt].forEach((x) => x.dispose()),
  };
}

/** The step most tfjs code writes: D minimised on real + G(z), then G minimised through D(G(z)), tf.train.adam. */
function naiveStep(c: Case): { step: (real: tf.Tensor4D, z: tf.Tensor2D) => void; dispose: () => void } {
  const g = deconv.dcgan.generator({ ...c.arch, seed: 1 });
  const d = deconv.dcgan.discriminator({ ...c.arch, seed: 2 });
  const [gOpt, dOpt] = [tf.train.adam(2e-4, 0.5), tf.train.adam(2e-4, 0.5)];
  const bce = (logits: tf.Tensor, target: number): tf.Scalar =>
    tf.losses.sigmoidCrossEntropy(target ? tf.onesLike(logits) : tf.zerosLike(logits), logits) as tf.Scalar;
  const run = (m: tf.LayersModel, x: tf.Tensor): tf.Tensor => m.apply(x, { training: true }) as tf.Tensor;
  const dVars = d.trainableWeights.map((w) => w.read() as tf.Variable);
  const gVars = g.trainableWeights.map((w) => w.read() as tf.Variable);
  return {
    step: (real, z) => {
      const dLoss = dOpt.minimize(() => tf.add(bce(run(d, real), 1), bce(run(d, run(g, z)), 0)) as tf.Scalar, true, dVars);
      const gLoss = gOpt.minimize(() => bce(run(d, run(g, z)), 1), true, gVars);
      dLoss!.dataSync();
      gLoss!.dataSync();
      tf.dispose([dLoss!, gLoss!]);
    },
    dispose: () => [g, d, gOpt, dOpt].forEach((x) => x.dispose()),
  };
}

function timed(step: (real: tf.Tensor4D, z: tf.Tensor2D) => void, real: tf.Tensor4D, z: tf.Tensor2D): number {
  const start = process.hrtime.bigint();
  step(real, z); // tfjs-node runs synchronously and the step reads its losses: the work is done on return
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const middle = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(c: Case): BenchRow {
  const real = tf.randomUniform([c.batch, c.arch.imageSize!, c.arch.imageSize!, c.arch.channels!], -1, 1) as tf.Tensor4D;
  const z = tf.randomNormal([c.batch, 100]) as tf.Tensor2D;
  const ours = oursStep(c);
  const naive = naiveStep(c);
  timed(ours.step, real, z);
  timed(naive.step, real, z);
  const times = { ours: [] as number[], naive: [] as number[] };
  for (let r = 0; r < c.rounds; r++) {
    const order = r % 2 === 0 ? ['ours', 'naive'] as const : ['naive', 'ours'] as const;
    for (const who of order) times[who].push(timed(who === 'ours' ? ours.step : naive.step, real, z));
  }
  ours.dispose();
  naive.dispose();
  tf.dispose([real, z]);
  const [o, n] = [middle(times.ours), middle(times.naive)];
  console.log(`${c.name}: ours ${o.toFixed(0)} ms [${times.ours.map((t) => t.toFixed(0))}], naive ${n.toFixed(0)} ms [${times.naive.map((t) => t.toFixed(0))}]`);
  return {
    name: c.name, unit: 'ms', ours: o,
    reference: 'tfjs-node naive step (optimizer.minimize per network, two G forwards)', reference_value: n, ratio: n / o,
  };
}

/** Median step times, ours vs the naive tfjs-node step, for both architectures. */
export const run: BenchRun = async () => CASES.map(measure);
