import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { BenchRow, BenchRun } from './bench_row';
import { interleaved, localTimer, median } from './interleave';
import { PythonWorker } from './reference/python_worker';

/** A transposed-convolution layer shape (NHWC, TF 'SAME', square). */
interface LayerCase {
  label: string;
  batch: number;
  in_size: number;
  in_channels: number;
  out_size: number;
  out_channels: number;
  kernel: number;
  stride: number;
}

type Pass = 'forward' | 'grad_input' | 'grad_filter';

const PAPER: LayerCase[] = [
  [4, 1024, 8, 512],
  [8, 512, 16, 256],
  [16, 256, 32, 128],
  [32, 128, 64, 3],
].map(([i, ci, o, co]) => ({
  label: `paper ${i}x${i}x${ci}->${o}x${o}x${co} b64`,
  batch: 64,
  in_size: i,
  in_channels: ci,
  out_size: o,
  out_channels: co,
  kernel: 5,
  stride: 2,
}));

const MNIST: LayerCase[] = [
  [7, 256, 7, 128, 1],
  [7, 128, 14, 64, 2],
  [14, 64, 28, 1, 2],
].map(([i, ci, o, co, s]) => ({
  label: `mnist ${i}x${i}x${ci}->${o}x${o}x${co} s${s} b256`,
  batch: 256,
  in_size: i,
  in_channels: ci,
  out_size: o,
  out_channels: co,
  kernel: 5,
  stride: s,
}));

const ROUNDS = 7;
const REPS_PER_ROUND = 2;

/** Multiply-adds of one pass: every input pixel stamps k² × outChannels products per input channel (all three passes alike). */
function gflop(c: LayerCase): number {
  return (2 * c.batch * c.in_size * c.in_size * c.in_channels * c.kernel * c.kernel * c.out_channels) / 1e9;
}

/** Our implementation of one pass, as a function that runs it once (synchronously on tfjs-node) and frees its result. */
function oursCase(c: LayerCase, pass: Pass): () => void {
  const x = tf.randomNormal<tf.Rank.R4>([c.batch, c.in_size, c.in_size, c.in_channels]);
  const w = tf.randomNormal<tf.Rank.R4>([c.kernel, c.kernel, c.out_channels, c.in_channels]);
  const dy = tf.randomNormal([c.batch, c.out_size, c.out_size, c.out_channels]);
  const shape: [number, number, number, number] = [c.batch, c.out_size, c.out_size, c.out_channels];
  const forward = (xx: tf.Tensor, ww: tf.Tensor) => deconv.conv2dTranspose(xx as tf.Tensor4D, ww as tf.Tensor4D, shape, c.stride, 'SAME');
  const once = {
    forward: () => forward(x, w),
    grad_input: () => tf.grad((xx) => forward(xx, w))(x, dy),
    grad_filter: () => tf.grad((ww) => forward(x, ww))(w, dy),
  }[pass];
  return () => tf.dispose(once());
}

/** Times ours, TF-Python and PyTorch on one case, round by round, so drift of the machine hits all three alike. */
async function versusPython(
  worker: PythonWorker,
  id: string,
  caseSpec: object,
  ours: () => void,
): Promise<{ ours: number; tf: number; torch: number }> {
  const tfTimer = await worker.setup(`${id}/tf`, 'tf', caseSpec);
  const torchTimer = await worker.setup(`${id}/torch`, 'torch', caseSpec);
  ours();
  const samples = await interleaved({ ours: localTimer(ours), tf: tfTimer, torch: torchTimer }, ROUNDS, REPS_PER_ROUND);
  return { ours: median(samples.ours), tf: median(samples.tf), torch: median(samples.torch) };
}

function rateRows(name: string, work: number, ms: { ours: number; tf: number; torch: number }): BenchRow[] {
  const rate = (t: number) => work / (t / 1000);
  return [
    {
      name,
      unit: 'GFLOP/s',
      ours: rate(ms.ours),
      reference: 'TensorFlow 2.21 (Python, tf.function)',
      reference_value: rate(ms.tf),
      ratio: ms.tf / ms.ours,
    },
    {
      name,
      unit: 'GFLOP/s',
      ours: rate(ms.ours),
      reference: 'PyTorch (CPU, eager)',
      reference_value: rate(ms.torch),
      ratio: ms.torch / ms.ours,
    },
  ];
}

/** The machine's fp32 matmul peak (4096³), ours = tfjs-node tf.matMul, the limit every convolution figure is a fraction of. */
async function matmulRows(worker: PythonWorker): Promise<BenchRow[]> {
  const n = 4096;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const ms = await versusPython(worker, 'matmul', { kind: 'matmul', n }, () => tf.dispose(tf.matMul(a, b)));
  tf.dispose([a, b]);
  return rateRows(`fp32 matmul ${n}^3 (machine peak)`, (2 * n ** 3) / 1e9, ms);
}

/** conv2dTranspose forward and both gradients on the DCGAN layer shapes: ours vs TF-Python vs PyTorch, interleaved. */
export const run: BenchRun = async () => {
  const worker = new PythonWorker();
  try {
    const rows = await matmulRows(worker);
    for (const c of [...PAPER, ...MNIST]) {
      for (const pass of ['forward', 'grad_input', 'grad_filter'] as Pass[]) {
        const ours = oursCase(c, pass);
        const ms = await versusPython(worker, `${c.label}/${pass}`, { kind: 'conv_transpose', pass, ...c }, ours);
        // Gradient passes run forward + backward everywhere (ours through tf.grad, as training does): twice the work.
        const label = pass === 'forward' ? 'forward' : `forward+${pass}`;
        rows.push(...rateRows(`conv2dTranspose ${label} ${c.label}`, pass === 'forward' ? gflop(c) : 2 * gflop(c), ms));
      }
    }
    return rows;
  } finally {
    worker.close();
  }
};
