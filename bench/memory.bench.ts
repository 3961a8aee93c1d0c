// Memory: peak RSS of a 1-epoch MNIST DCGAN training run (10,000 MNIST digits, TF-tutorial
// architecture, batch 128), ours (deconv.dcgan.train, bench/memory/train_ours.ts) vs PyTorch eager
// (bench/memory/train_torch.py), each in a fresh process; peak = VmHWM of /proc/self/status. The digits are exported
// once from node to a temporary raw float32 file that both processes read, so both train on the same data and
// neither pays for decoding the package. Also reports each run's wall time (process start to exit) and the time of
// the training loop alone.
// BENCH_SMOKE=1 checks that the code runs: 256 digits, batch 64.
import { spawnSync } from 'child_process';
import * as deconv from 'deconvlab';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { BenchRow, BenchRun } from './bench_row';
import type { TrainRunConfig, TrainRunFigures } from './memory/train_run';
import { BENCH_PYTHON } from './reference/python_worker';

const SMOKE = process.env.BENCH_SMOKE === '1';
const COUNT = SMOKE ? 256 : 10000;
const BATCH = SMOKE ? 64 : 128;
const ARCH = { imageSize: 28, channels: 1, zDim: 100, width: 64, kernelSize: 5 };

/** Writes the first `count` digits of deconv.data.mnist() as raw float32 [count, 28, 28, 1]. */
function exportDigits(file: string, count: number): void {
  const digits = deconv.data.mnist({ count });
  writeFileSync(file, digits.images.dataSync() as Float32Array);
  digits.images.dispose();
  digits.labels?.dispose();
}

/** Runs one training process; its figures plus the wall time from spawn to exit. */
function timedRun(who: string, command: string, args: string[]): TrainRunFigures & { wall_s: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${who} training run exited with ${result.status}; stdout: ${result.stdout}`);
  const figures = JSON.parse(result.stdout.trim().split('\n').pop()!) as TrainRunFigures;
  console.log(
    `${who}: peak ${figures.peak_mb.toFixed(0)} MB, ${figures.steps} steps in ${figures.train_s.toFixed(1)} s, process ${wall.toFixed(1)} s`,
  );
  return { ...figures, wall_s: wall };
}

/** Peak RSS and wall times of one training epoch, ours vs PyTorch eager. */
export const run: BenchRun = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deconvlab-bench-memory-'));
  try {
    const config: TrainRunConfig = {
      file: join(dir, 'mnist.f32'),
      count: COUNT,
      batch: BATCH,
      arch: ARCH,
      plan: deconv.dcgan.architecture(ARCH),
    };
    exportDigits(config.file, COUNT);
    const ours = timedRun('ours', process.execPath, [join(__dirname, 'memory', 'train_ours.js'), JSON.stringify(config)]);
    const torch = timedRun('PyTorch', BENCH_PYTHON, [join(__dirname, '..', 'memory', 'train_torch.py'), JSON.stringify(config)]);
    const name = `1-epoch MNIST DCGAN training (${COUNT} digits, batch ${BATCH})`;
    const reference = 'PyTorch (CPU, eager), fresh process';
    const row = (what: string, unit: string, key: 'peak_mb' | 'wall_s' | 'train_s'): BenchRow => ({
      name: `${name}, ${what}`,
      unit,
      ours: ours[key],
      reference,
      reference_value: torch[key],
      ratio: torch[key] / ours[key],
    });
    return [
      row('peak RSS', 'MB', 'peak_mb'),
      row('wall time (process start to exit)', 's', 'wall_s'),
      row('training loop time', 's', 'train_s'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
