import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cellProgramFactory, sourceDependencies } from 'deconvlab-kernel/dist/cell_program';
import { createConverter, typescript } from 'deconvlab-kernel/dist/tslab_internals';

const ts = typescript();

/** A folder with a cell importing two local modules (one importing the other), a declaration file and a package. */
function project(): { dir: string; cell: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cell-program-'));
  writeFileSync(join(dir, 'b.ts'), 'export const b = 2;\n');
  writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b + 1;\n");
  writeFileSync(join(dir, 'shapes.d.ts'), 'export interface Shape { n: number }\n');
  writeFileSync(join(dir, 'alone.ts'), 'export const alone = 0;\n');
  const cell = join(dir, 'cell.ts');
  writeFileSync(
    cell,
    "import { a } from './a';\nimport type { Shape } from './shapes';\nimport * as path from 'path';\nconst s: Shape = { n: a };\npath.join(String(s.n));\n",
  );
  return { dir, cell };
}

const OPTIONS = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, declaration: true, skipLibCheck: true };

test("cell_program: a cell's source dependencies are those TypeScript's own builder finds, filtered as tslab filters them", () => {
  const { dir, cell } = project();
  // The reference: the incremental builder tslab used by default (its reference map), then tslab's filter.
  const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(
    [cell, join(dir, 'alone.ts')],
    OPTIONS,
    ts.createIncrementalCompilerHost(OPTIONS),
  );
  const program = builder.getProgram();
  const expected = builder
    .getAllDependencies(program.getSourceFile(cell)!)
    .filter((f) => f.endsWith('.js') || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
  const actual = sourceDependencies(ts, program, program.getSourceFile(cell)!);
  assert.deepEqual([...actual].sort(), [...expected].sort());
  assert.deepEqual([...actual].map((f) => f.slice(dir.length + 1)).sort(), ['a.ts', 'b.ts', 'cell.ts']);
});

test('cell_program: the factory leaves the root files bound (their locals listed) and answers getAllDependencies', () => {
  const { cell } = project();
  const host = ts.createCompilerHost(OPTIONS);
  const create = cellProgramFactory(ts);
  const builder = create([cell], OPTIONS, host, create([cell], OPTIONS, host));
  const file = builder.getSourceFile(cell)!;
  const locals = (file as unknown as { locals?: Map<string, unknown> }).locals;
  assert.deepEqual([...(locals?.keys() ?? [])].sort(), ['Shape', 'a', 'path', 's']);
  assert.deepEqual(builder.getAllDependencies(file), sourceDependencies(ts, builder.getProgram(), file));
});

test("converter: a cell's declarations reach the next cell, and a cell with no declarations keeps the earlier ones", () => {
  const converter = createConverter({ isBrowser: false });
  try {
    const first = converter.convert('', 'const keep = 1;\nlet __under = "u";');
    assert.deepEqual(first.diagnostics, []);
    assert.match(first.declOutput ?? '', /declare const keep = 1;/);
    assert.match(first.declOutput ?? '', /declare let __under: string;/);
    const second = converter.convert(first.declOutput!, 'keep + __under.length');
    assert.deepEqual(second.diagnostics, []);
    assert.equal(second.declOutput, first.declOutput);
    const wrong = converter.convert(first.declOutput!, 'const n: number = __under;');
    assert.deepEqual(
      wrong.diagnostics.map((d) => [d.code, d.messageText]),
      [[2322, "Type 'string' is not assignable to type 'number'."]],
    );
  } finally {
    converter.close();
  }
});
