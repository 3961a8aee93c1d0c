// One DCGAN training step: deconvlab's composed step (deconv.dcgan.trainStep: one G forward, D on real and fake
// once each, fused TF batch-norm/activation gradients, Adam as TF's fused ApplyAdam kernel) against
//   - the straightforward tfjs-node step (optimizer.minimize per network, each re-running the forward passes
//     through tfjs's tape), in this process;
//   - Keras with a tf.function step and PyTorch eager (bench/reference/worker.py builds the same networks layer by
//     layer from deconv.dcgan.architecture's plan, the same loss, Adam(2e-4, β₁ 0.5), one G forward per step);
//     Keras twice: with our TF_ENABLE_ONEDNN_OPTS and with TF's own default for this CPU.
// All take turns round by round after warm-up; medians. Architectures: the TF tutorial's MNIST net at batch
// 256 and the paper's 64×64 net (width 128: 4×4×1024 … 64×64×3) at batch 64. Issue 11's targets: ours ≥ 1.0×
// PyTorch eager and ≥ 1.0× Keras.
// BENCH_SMOKE=1 checks that the code runs: batch 4, one round, nothing worth reading.
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import type { BenchRow, BenchRun } from './bench_row';
import { interleaved, localTimer, median } from './interleave';
import { PythonWorker } from './reference/python_worker';

interface Case {
  label: string;
  name: string;
  arch: deconv.dcgan.ArchitectureOptions;
  batch: number;
  rounds: number;
}

const SMOKE = process.env.BENCH_SMOKE === '1';

const CASES: Case[] = [
  {
    label: 'TF-tutorial MNIST net 28x28 (k5)',
    arch: { imageSize: 28, channels: 1, zDim: 100, width: 64, kernelSize: 5 },
    batch: 256,
    rounds: 7,
  },
  {
    label: 'paper 64x64 net (width 128, k5)',
    arch: { imageSize: 64, channels: 3, zDim: 100, width: 128, kernelSize: 5 },
    batch: 64,
    rounds: 5,
  },
]
  .map((c) => (SMOKE ? { ...c, batch: 4, rounds: 1 } : c))
  .map((c) => ({ ...c, name: `DCGAN step, ${c.label}, batch ${c.batch}` }));

const ADAM = { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };

type Step = (real: tf.Tensor4D, z: tf.Tensor2D) => void;

/** Our step on its own copy of the networks. */
function oursStep(c: Case): { step: Step; dispose: () => void } {
  const g = deconv.dcgan.generator({ ...c.arch, seed: 1 });
  const d = deconv.dcgan.discriminator({ ...c.arch, seed: 2 });
  const [gc, dc] = [new deconv.dcgan.LayerChain(g), new deconv.dcgan.LayerChain(d)];
  const [gOpt, dOpt] = [new deconv.dcgan.Adam(gc.params, ADAM), new deconv.dcgan.Adam(dc.params, ADAM)];
  return {
    step: (real, z) => {
      const stats = deconv.dcgan.trainStep(gc, dc, gOpt, dOpt, real, z);
      stats.dataSync(); // tfjs-node runs synchronously and the step reads its losses: the work is done on return
      stats.dispose();
    },
    dispose: () => [g, d, gOpt, dOpt].forEach((x) => x.dispose()),
  };
}

/** The step most tfjs code writes: D minimised on real + G(z), then G minimised through D(G(z)), tf.train.adam. */
function naiveStep(c: Case): { step: Step; dispose: () => void } {
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

const REFERENCES = {
  naive: 'tfjs-node naive step (optimizer.minimize per network, two G forwards)',
  keras: 'Keras 3 / TensorFlow 2.21 (Python), tf.function step, same oneDNN setting as ours',
  kerasTfDefault: "Keras 3 / TensorFlow 2.21 (Python), tf.function step, TF's default oneDNN setting",
  torch: 'PyTorch (CPU, eager)',
} as const;

/**
 * One worker per framework: TensorFlow's and PyTorch's LLVM copies abort when both load into one process after a
 * tf.function step. TensorFlow runs twice: with our TF_ENABLE_ONEDNN_OPTS, and with TF's own default for this CPU.
 */
interface Workers {
  tf: PythonWorker;
  tfDefault: PythonWorker;
  torch: PythonWorker;
}

async function measure(workers: Workers, c: Case): Promise<BenchRow[]> {
  const size = c.arch.imageSize!;
  const real = tf.randomUniform([c.batch, size, size, c.arch.channels!], -1, 1) as tf.Tensor4D;
  const z = tf.randomNormal([c.batch, c.arch.zDim!]) as tf.Tensor2D;
  const ours = oursStep(c);
  const naive = naiveStep(c);
  const caseSpec = { kind: 'dcgan_step', batch: c.batch, plan: deconv.dcgan.architecture(c.arch) };
  const timers = {
    ours: localTimer(() => ours.step(real, z)),
    naive: localTimer(() => naive.step(real, z)),
    keras: await workers.tf.setup(c.name, 'tf', caseSpec),
    kerasTfDefault: await workers.tfDefault.setup(c.name, 'tf', caseSpec),
    torch: await workers.torch.setup(c.name, 'torch', caseSpec),
  };
  await timers.ours(1); // warm-up (the worker warmed its cases up in setup)
  await timers.naive(1);
  const samples = await interleaved(timers, c.rounds, 1);
  ours.dispose();
  naive.dispose();
  tf.dispose([real, z]);
  console.log(
    `${c.name}: ${Object.entries(samples)
      .map(([who, ms]) => `${who} ${median(ms).toFixed(0)} ms [${ms.map((t) => t.toFixed(0))}]`)
      .join(', ')}`,
  );
  const o = median(samples.ours);
  return (['naive', 'keras', 'kerasTfDefault', 'torch'] as const).map((who) => {
    const reference = median(samples[who]);
    return { name: c.name, unit: 'ms', ours: o, reference: REFERENCES[who], reference_value: reference, ratio: reference / o };
  });
}

/** Median step times, ours vs the naive tfjs-node step, Keras (tf.function) and PyTorch eager, for both architectures. */
export const run: BenchRun = async () => {
  const workers: Workers = { tf: new PythonWorker(), tfDefault: new PythonWorker({ tfDefaultOnednn: true }), torch: new PythonWorker() };
  try {
    const rows: BenchRow[] = [];
    for (const c of CASES) rows.push(...(await measure(workers, c)));
    return rows;
  } finally {
    Object.values(workers).forEach((w) => w.close());
  }
};
