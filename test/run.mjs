// `npm test` after setup: every suite (unit, UI, setup, kernel, notebooks), one summary, non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { venvBin } from '../setup/python_venv.mjs';
import { ROOT } from '../setup/step.mjs';

const REPORTS = join(ROOT, 'test-artifacts', 'reports');
// oneDNN as deconvlab sets it (src/onednn.ts), whatever a test file imports first; a user's own setting wins.
const ENV = {
  ...process.env,
  TF_CPP_MIN_LOG_LEVEL: '2',
  TF_ENABLE_ONEDNN_OPTS: process.env.TF_ENABLE_ONEDNN_OPTS ?? '1',
  PATH: `${join(ROOT, '.venv', 'bin')}:${process.env.PATH}`,
};

/** The suites, in the order a failure is cheapest to find; `only` (argv) picks some by name. */
const SUITES = [
  { name: 'lint', kind: 'lint', dir: 'test/lint.mjs' },
  { name: 'unit', kind: 'node', dir: 'test/dist/unit' },
  { name: 'setup', kind: 'pytest', dir: 'test/setup' },
  { name: 'kernel', kind: 'pytest', dir: 'test/kernel' },
  { name: 'ui', kind: 'node', dir: 'test/dist/ui' },
  { name: 'notebooks', kind: 'pytest', dir: 'test/notebooks' },
];

function countsFromTap(path) {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}

function countsFromJunit(path) {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const suite = text.match(/<testsuite [^>]*>/)?.[0] ?? '';
  const attr = (key) => Number(suite.match(new RegExp(`${key}="(\\d+)"`))?.[1] ?? 0);
  const failed = attr('failures') + attr('errors');
  const skipped = attr('skipped');
  return { passed: attr('tests') - failed - skipped, failed, skipped };
}

/** The lint suite counts as one test: it passes when every linter and formatter check is clean. */
function runLint(suite) {
  console.log(`\n=== ${suite.name} (${suite.dir})`);
  const result = spawnSync(process.execPath, [suite.dir], { cwd: ROOT, env: ENV, stdio: 'inherit' });
  const ok = result.status === 0;
  return { name: suite.name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

function runSuite(suite) {
  if (suite.kind === 'lint') return runLint(suite);
  const report = join(REPORTS, `${suite.name}.${suite.kind === 'node' ? 'tap' : 'xml'}`);
  const [command, args] =
    suite.kind === 'node'
      ? [
          process.execPath,
          [
            '--test',
            '--test-reporter=spec',
            '--test-reporter-destination=stdout',
            '--test-reporter=tap',
            `--test-reporter-destination=${report}`,
            suite.dir,
          ],
        ]
      : [venvBin('pytest'), ['-q', '-p', 'no:cacheprovider', `--junitxml=${report}`, suite.dir]];
  console.log(`\n=== ${suite.name} tests (${suite.dir})`);
  const result = spawnSync(command, args, { cwd: ROOT, env: ENV, stdio: 'inherit' });
  const counts = suite.kind === 'node' ? countsFromTap(report) : countsFromJunit(report);
  // A runner that crashed or exited non-zero without reporting a failure still fails the suite.
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  return { name: suite.name, ...counts };
}

function main() {
  mkdirSync(REPORTS, { recursive: true });
  const only = process.argv.slice(2);
  const chosen = SUITES.filter((suite) => only.length === 0 || only.includes(suite.name));
  const results = chosen.map(runSuite);
  console.log('\n=== summary');
  for (const r of results) console.log(`${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}

main();
