// The payload contract is its own package: the extension compiles from it alone (never from deconvlab's
// src/ or dist/), and the contract itself depends on nothing of the project. Checked on the compiler's
// real inputs (every file tsc reads for the project), plus the import statements of the extension's sources.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import test from 'node:test';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Real paths (relative to the root) of every file the TypeScript program of `tsconfig` reads, lib files aside. */
function compilerInputs(tsconfig: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, tsconfig),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) },
  );
  assert.ok(parsed, `cannot read ${tsconfig}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  const lib = join(ROOT, 'node_modules', 'typescript', 'lib');
  return program
    .getSourceFiles()
    .map((f) => realpathSync(f.fileName))
    .filter((f) => !f.startsWith(lib))
    .map((f) => relative(ROOT, f));
}

function sourcesBelow(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|mjs|js)$/.test(f))
    .map((f) => join(dir, f));
}

test('the extension compiles from the contract package alone: no file of src/, kernel/ or a dist/ outside the contract', () => {
  const inputs = compilerInputs('extension/tsconfig.json');
  const project = inputs.filter((f) => !f.startsWith('node_modules/'));
  assert.ok(
    project.some((f) => f.startsWith('contract/')),
    'the extension reads the contract',
  );
  const outside = project.filter((f) => !f.startsWith('extension/') && !f.startsWith('contract/'));
  assert.deepEqual(outside, [], 'the extension build reads project files outside extension/ and contract/');
});

test('the contract depends on nothing of the project', () => {
  const outside = compilerInputs('contract/tsconfig.json').filter((f) => !f.startsWith('contract/') && !f.startsWith('node_modules/'));
  assert.deepEqual(outside, []);
});

test('no deep imports across packages: the extension imports deconvlab-contract by its name, never deconvlab, dist/ or ../src', () => {
  const offending = [...sourcesBelow('extension/src'), ...sourcesBelow('extension/scripts')].flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .filter((line) =>
        /from '(deconvlab|deconvlab\/[^']*|[^']*\/dist\/[^']*|(\.\.\/)+src\/?[^']*)'|deconvlab\/dist|\.\.\/\.\.\/src/.test(line),
      )
      .map((line) => `${file}: ${line.trim()}`),
  );
  assert.deepEqual(offending, []);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'extension', 'package.json'), 'utf8'));
  const deps = { ...manifest.dependencies, ...manifest.devDependencies };
  assert.equal(deps['deconvlab-contract'], '0.1.0');
  assert.equal(deps.deconvlab, undefined, 'the extension must not depend on deconvlab');
});
