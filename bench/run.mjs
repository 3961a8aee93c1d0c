// `npm run bench`: runs every compiled bench/dist/*.bench.js in its own process, prints one table and writes
// bench/results/latest.json (a list of rows, see bench/bench_row.ts) and bench/results/machine.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupBenchVenv } from '../setup/bench_venv.mjs';
import { findPython } from '../setup/python_venv.mjs';
import { ROOT, SetupError } from '../setup/step.mjs';
import { machine } from './machine.mjs';

const DIST = join(ROOT, 'bench', 'dist');
const RESULTS = join(ROOT, 'bench', 'results');
// oneDNN on unless the user chose (src/onednn.ts does the same for every process that imports deconvlab first).
const ENV = {
  ...process.env,
  TF_CPP_MIN_LOG_LEVEL: '2',
  TF_ENABLE_ONEDNN_OPTS: process.env.TF_ENABLE_ONEDNN_OPTS ?? '1',
  PATH: `${join(ROOT, '.venv', 'bin')}:${process.env.PATH}`,
};

function runBench(file) {
  const script = `require(${JSON.stringify(join(DIST, file))}).run().then(
    (rows) => process.stdout.write('\\n@@rows ' + JSON.stringify(rows) + '\\n'),
    (error) => { console.error(error); process.exit(1); })`;
  console.log(`--- ${file}`);
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('@@rows '));
  process.stdout.write(
    result.stdout
      .split('\n')
      .filter((l) => !l.startsWith('@@rows '))
      .join('\n'),
  );
  if (result.status !== 0 || !line) {
    console.error(`${file} failed (exit ${result.status})`);
    return { rows: [], failed: true };
  }
  return { rows: JSON.parse(line.slice(7)), failed: false };
}

function printTable(rows) {
  const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
  console.log('\n' + ['name', 'unit', 'ours', 'reference', 'ref value', 'ratio'].join(' | '));
  for (const r of rows)
    console.log([r.name, r.unit, fmt(r.ours), r.reference, fmt(r.reference_value), `${r.ratio.toFixed(2)}×`].join(' | '));
}

try {
  setupBenchVenv({ python: findPython() });
} catch (error) {
  console.error(`[bench] ${error instanceof SetupError ? error.message : error}`);
  process.exit(1);
}
const only = process.argv.slice(2);
const files = readdirSync(DIST).filter((f) => f.endsWith('.bench.js') && (only.length === 0 || only.some((o) => f.startsWith(o))));
const outcomes = files.map(runBench);
const rows = outcomes.flatMap((o) => o.rows);
printTable(rows);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(rows, null, 2) + '\n');
writeFileSync(join(RESULTS, 'machine.json'), JSON.stringify(machine(ROOT, ENV), null, 2) + '\n');
console.log(`\nwrote ${join('bench', 'results', 'latest.json')} (${rows.length} rows)`);
process.exit(outcomes.some((o) => o.failed) ? 1 : 0);
