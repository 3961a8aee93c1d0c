/**
 * Kernel latency: the deconvlab kernel against plain tslab 1.0.22 (no preload) and ipykernel, in
 * the same run (measured by bench/kernel/kernel_latency.py with jupyter_client).
 * Targets (issues 4 and 10): kernel_info reply ≤ 1.2 s after start; first cell using deconv ≤ 2.5 s
 * after start; repeated trivial cell median ≤ 5 ms; new trivial cell median ≤ 10 ms and within 1.25×
 * of ipykernel; idle RSS reported next to ipykernel's.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';
import type { BenchRow, BenchRun } from './bench_row';

const ROOT = join(__dirname, '..', '..');

interface KernelFigures {
  kernel_info_s: number;
  first_tf_cell_s?: number;
  roundtrip_ms: number;
  varied_roundtrip_ms: number;
  idle_rss_mb?: number;
}

type Measured = Partial<Record<'deconvlab' | 'tslab' | 'python3', KernelFigures>>;

const REFERENCES = { tslab: 'tslab 1.0.22, no preload', python3: 'ipykernel' } as const;

function measure(): Measured {
  const result = spawnSync(join(ROOT, '.venv', 'bin', 'python'), [join(ROOT, 'bench', 'kernel', 'kernel_latency.py')], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`bench/kernel/kernel_latency.py exited with ${result.status}; run \`npm run setup\` first`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Measured;
}

function row(name: string, unit: string, ours: number, reference: string, referenceValue: number): BenchRow {
  return { name, unit, ours, reference, reference_value: referenceValue, ratio: referenceValue / ours };
}

/** Times are lower-is-better, so ratio = reference / ours. */
export const run: BenchRun = async () => {
  const measured = measure();
  const ours = measured.deconvlab;
  if (!ours) throw new Error('the deconvlab kernelspec is not installed (node kernel/dist/install.js --prefix .venv)');
  const rows: BenchRow[] = [];
  for (const key of ['tslab', 'python3'] as const) {
    const other = measured[key];
    if (!other) continue;
    const reference = REFERENCES[key];
    rows.push(row('kernel: kernel_info reply after start', 's', ours.kernel_info_s, reference, other.kernel_info_s));
    rows.push(row('kernel: 1+1 round trip median', 'ms', ours.roundtrip_ms, reference, other.roundtrip_ms));
    rows.push(
      row('kernel: varied trivial cell (1+i) round trip median', 'ms', ours.varied_roundtrip_ms, reference, other.varied_roundtrip_ms),
    );
    if (ours.idle_rss_mb !== undefined && other.idle_rss_mb !== undefined) {
      rows.push(row('kernel: idle RSS after these cells', 'MB', ours.idle_rss_mb, reference, other.idle_rss_mb));
    }
    if (ours.first_tf_cell_s !== undefined && other.first_tf_cell_s !== undefined) {
      rows.push(
        row(
          'kernel: first cell using deconv, after start',
          's',
          ours.first_tf_cell_s,
          `${reference} (imports in the cell)`,
          other.first_tf_cell_s,
        ),
      );
    }
  }
  const targets = [
    ['kernel_info ≤ 1.2 s', ours.kernel_info_s <= 1.2],
    ['first deconv cell ≤ 2.5 s', (ours.first_tf_cell_s ?? Infinity) <= 2.5],
    ['1+1 round trip median ≤ 5 ms', ours.roundtrip_ms <= 5],
    ['new trivial cell median ≤ 10 ms', ours.varied_roundtrip_ms <= 10],
    [
      'new trivial cell within 1.25× of ipykernel',
      measured.python3 !== undefined && ours.varied_roundtrip_ms <= 1.25 * measured.python3.varied_roundtrip_ms,
    ],
  ] as const;
  console.log(targets.map(([what, met]) => `${met ? 'met' : 'MISSED'}: ${what}`).join('\n'));
  return rows;
};
