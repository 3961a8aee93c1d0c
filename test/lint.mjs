// `npm run lint`: every linter and formatter check, changing nothing (ESLint, Prettier, Stylelint, Ruff); exits 1 on
// any violation. `npm run format` (`--fix`) applies the fixes and the layout instead. Rules live in the configs at
// the root: eslint.config.mjs, .prettierrc.json, .stylelintrc.json, ruff.toml.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { venvBin } from '../setup/python_venv.mjs';
import { ROOT } from '../setup/step.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const SCRIPTS = '**/*.{ts,mts,js,mjs}';

/** Each tool's check and fix command; fixes run in this order (imports sorted before Prettier lays the code out). */
const TOOLS = [
  { name: 'eslint', command: bin('eslint'), check: ['--max-warnings=0', '.'], fix: ['--fix', '.'] },
  {
    name: 'prettier',
    command: bin('prettier'),
    check: ['--check', '--log-level=warn', SCRIPTS],
    fix: ['--write', '--log-level=warn', SCRIPTS],
  },
  // Prettier is not always idempotent (some long member chains settle on a second pass).
  { name: 'prettier (settle)', command: bin('prettier'), fix: ['--write', '--log-level=warn', SCRIPTS] },
  { name: 'stylelint', command: bin('stylelint'), check: ['extension/style/**/*.css'], fix: ['--fix', 'extension/style/**/*.css'] },
  { name: 'ruff check', command: venvBin('ruff'), check: ['check', '--quiet', '.'], fix: ['check', '--quiet', '--fix', '.'] },
  { name: 'ruff format', command: venvBin('ruff'), check: ['format', '--check', '--quiet', '.'], fix: ['format', '--quiet', '.'] },
];

function main() {
  const fix = process.argv.includes('--fix');
  const steps = TOOLS.filter((tool) => (fix ? tool.fix : tool.check));
  const failed = steps.filter((tool) => {
    const result = spawnSync(tool.command, fix ? tool.fix : tool.check, { cwd: ROOT, stdio: 'inherit' });
    if (result.error) console.error(`lint: could not start ${tool.name} (${result.error.code}); run \`npm run setup\` first`);
    return result.status !== 0;
  });
  if (failed.length > 0) {
    console.error(
      `lint: ${failed.map((t) => t.name).join(', ')} failed${fix ? '' : '; `npm run format` fixes what can be fixed mechanically'}`,
    );
    process.exit(1);
  }
  console.log(fix ? 'format: done' : 'lint: clean');
}

main();
