// deconvlab's conv2dTranspose against a bare tf.conv2dTranspose call on the DCGAN generator layer shapes:
// the overhead of our validation and dispatch (target: < 5%). Interleaved rounds, warm-up, median.
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import type { BenchRow, BenchRun } from './bench_row';

interface LayerShape {
  name: string;
  batch: number;
  inSize: number;
  inC: number;
  outSize: number;
  outC: number;
  k: number;
  s: number;
}

// DCGAN paper generator (64x64 G, 5x5 kernels, stride 2) and the TF tutorial's MNIST generator, batch 64
// (the tutorial trains with 256; 64 keeps this bench within a minute or two on two cores).
const LAYERS: LayerShape[] = [
  { name: 'paper G 4x4x1024->8x8x512', batch: 64, inSize: 4, inC: 1024, outSize: 8, outC: 512, k: 5, s: 2 },
  { name: 'paper G 8x8x512->16x16x256', batch: 64, inSize: 8, inC: 512, outSize: 16, outC: 256, k: 5, s: 2 },
  { name: 'paper G 16x16x256->32x32x128', batch: 64, inSize: 16, inC: 256, outSize: 32, outC: 128, k: 5, s: 2 },
  { name: 'paper G 32x32x128->64x64x3', batch: 64, inSize: 32, inC: 128, outSize: 64, outC: 3, k: 5, s: 2 },
  { name: 'MNIST G 7x7x256->7x7x128 s1', batch: 64, inSize: 7, inC: 256, outSize: 7, outC: 128, k: 5, s: 1 },
  { name: 'MNIST G 7x7x128->14x14x64', batch: 64, inSize: 7, inC: 128, outSize: 14, outC: 64, k: 5, s: 2 },
  { name: 'MNIST G 14x14x64->28x28x1', batch: 64, inSize: 14, inC: 64, outSize: 28, outC: 1, k: 5, s: 2 },
];

/** Multiply-adds × 2 of a transposed convolution: every input pixel meets every kernel tap. */
function gflop(l: LayerShape): number {
  return (2 * l.batch * l.inSize * l.inSize * l.inC * l.k * l.k * l.outC) / 1e9;
}

function timeOnce(fn: () => tf.Tensor): number {
  const start = process.hrtime.bigint();
  const y = fn(); // tfjs-node executes synchronously: the result is computed when the call returns
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  y.dispose();
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median times of `ours` and `bare`, alternating which goes first each round. */
function compare(ours: () => tf.Tensor, bare: () => tf.Tensor): { ours: number; bare: number } {
  const warm = [timeOnce(ours), timeOnce(bare), timeOnce(ours), timeOnce(bare)];
  const rounds = Math.min(30, Math.max(5, Math.ceil(1500 / Math.max(...warm))));
  const times = { ours: [] as number[], bare: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      times.ours.push(timeOnce(ours));
      times.bare.push(timeOnce(bare));
    } else {
      times.bare.push(timeOnce(bare));
      times.ours.push(timeOnce(ours));
    }
  }
  return { ours: median(times.ours), bare: median(times.bare) };
}

function row(name: string, work: number, t: { ours: number; bare: number }, reference: string): BenchRow {
  const ours = work / (t.ours / 1000);
  const ref = work / (t.bare / 1000);
  console.log(
    `${name}: ours ${t.ours.toFixed(2)} ms (${ours.toFixed(1)} GFLOP/s), bare ${t.bare.toFixed(2)} ms, overhead ${((t.ours / t.bare - 1) * 100).toFixed(1)}%`,
  );
  return { name, unit: 'GFLOP/s', ours, reference, reference_value: ref, ratio: ours / ref };
}

/**
 * The absolute cost of our validation and dispatch: a tiny 2x2 -> 4x4 call where the kernel takes almost no
 * time, many interleaved rounds. Divided by a layer's time it bounds our overhead on that layer.
 */
function dispatchOverhead(): BenchRow {
  const x = tf.ones([1, 2, 2, 1]) as tf.Tensor4D;
  const f = tf.ones([3, 3, 1, 1]) as tf.Tensor4D;
  const batches = { ours: [] as number[], bare: [] as number[] };
  const perCall = (fn: () => tf.Tensor): number => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) fn().dispose();
    return Number(process.hrtime.bigint() - start) / 1e3 / 100;
  };
  for (let r = 0; r < 40; r++) {
    batches.ours.push(perCall(() => deconv.conv2dTranspose(x, f, [1, 4, 4, 1], 2, 'SAME')));
    batches.bare.push(perCall(() => tf.conv2dTranspose(x, f, [1, 4, 4, 1], 2, 'same')));
  }
  tf.dispose([x, f]);
  const [ours, bare] = [median(batches.ours), median(batches.bare)];
  console.log(
    `dispatch on a 2x2 -> 4x4 call: ours ${ours.toFixed(1)} µs, bare ${bare.toFixed(1)} µs, +${(ours - bare).toFixed(1)} µs per call`,
  );
  return {
    name: 'conv2dTranspose dispatch, 2x2->4x4 k3 s2 (validation overhead)',
    unit: 'µs/call',
    ours,
    reference: 'bare tf.conv2dTranspose (tfjs-node)',
    reference_value: bare,
    ratio: bare / ours,
  };
}

/** Ours vs bare tf.conv2dTranspose per DCGAN layer, plus the PyTorch-convention op on the PyTorch DCGAN layer. */
export const run: BenchRun = async () => {
  const rows: BenchRow[] = [];
  for (const l of LAYERS) {
    const x = tf.randomNormal([l.batch, l.inSize, l.inSize, l.inC]) as tf.Tensor4D;
    const f = tf.randomNormal([l.k, l.k, l.outC, l.inC], 0, 0.02) as tf.Tensor4D;
    const shape: [number, number, number, number] = [l.batch, l.outSize, l.outSize, l.outC];
    const t = compare(
      () => deconv.conv2dTranspose(x, f, shape, l.s, 'SAME'),
      () => tf.conv2dTranspose(x, f, shape, l.s, 'same'),
    );
    rows.push(row(`conv2dTranspose fwd ${l.name} b${l.batch} k${l.k}`, gflop(l), t, 'bare tf.conv2dTranspose (tfjs-node)'));
    tf.dispose([x, f]);
  }
  // PyTorch's DCGAN layer (k4, s2, p1) in NCHW: the layout transposes are the price of the convention.
  const l: LayerShape = { name: 'PyTorch G 8x8x512->16x16x256 NCHW', batch: 64, inSize: 8, inC: 512, outSize: 16, outC: 256, k: 4, s: 2 };
  const xNchw = tf.randomNormal([l.batch, l.inC, l.inSize, l.inSize]) as tf.Tensor4D;
  const xNhwc = tf.transpose(xNchw, [0, 2, 3, 1]) as tf.Tensor4D;
  const w = tf.randomNormal([l.inC, l.outC, l.k, l.k], 0, 0.02) as tf.Tensor4D;
  const f = deconv.fromTorchWeight(w);
  const t = compare(
    () => deconv.convTranspose2d(xNchw, w, { stride: 2, padding: 1 }),
    () => tf.conv2dTranspose(xNhwc, f, [l.batch, l.outSize, l.outSize, l.outC], 2, 'same'),
  );
  rows.push(row(`convTranspose2d fwd ${l.name} b${l.batch} k${l.k} p1`, gflop(l), t, 'bare tf.conv2dTranspose NHWC (tfjs-node)'));
  tf.dispose([xNchw, xNhwc, w, f]);
  rows.push(dispatchOverhead());
  return rows;
};
