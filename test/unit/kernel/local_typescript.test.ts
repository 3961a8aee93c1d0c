import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  forgetChangedTypeScript,
  LocalFileSync,
  localTypeScriptScript,
  registerTypeScriptLoader,
} from 'deconvlab-kernel/dist/local_typescript';
import type { FileWatchers } from 'deconvlab-kernel/dist/tslab_internals';

/** Node's `require`, as cells use it (the loader under test hooks into it). */
const load = createRequire(__filename);

/** Writes `text` to `path` with a modification time `seconds` later than its previous one (or now). */
function write(path: string, text: string, seconds = 5): void {
  const before = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
  writeFileSync(path, text);
  const later = new Date(before + seconds * 1000);
  utimesSync(path, later, later);
}

test('local_typescript: a required .ts file runs without its types, reloads once edited, and maps its frames to its own lines', () => {
  registerTypeScriptLoader();
  const dir = mkdtempSync(join(tmpdir(), 'local-ts-'));
  const file = join(dir, 'helper.ts');
  write(file, 'interface Pair { a: number; b: number }\nexport const sum = (p: Pair): number => p.a + p.b;\n');
  assert.equal((load(file) as { sum(p: object): number }).sum({ a: 40, b: 2 }), 42);
  write(
    file,
    'export const sum = (p: { a: number }): number => {\n  const doubled: number = p.a * 2;\n  if (doubled > 10) throw new Error("big");\n  return doubled;\n};\n',
  );
  forgetChangedTypeScript();
  const reloaded = load(file) as { sum(p: object): number };
  assert.equal(reloaded.sum({ a: 4 }), 8);
  const error = (() => {
    try {
      reloaded.sum({ a: 6 });
    } catch (e) {
      return e as Error;
    }
  })();
  const frame = /helper\.ts:(\d+):(\d+)/.exec(error?.stack ?? '');
  assert.ok(frame, error?.stack);
  const script = localTypeScriptScript(file)!;
  const original = script.sourceMap.original({ line: Number(frame[1]) - 1, column: Number(frame[2]) - 1 });
  // The reference: where `throw` stands in the file's own text.
  const lines = script.source.split('\n');
  const throwLine = lines.findIndex((l) => l.includes('throw'));
  assert.deepEqual(original, { line: throwLine, column: lines[throwLine].indexOf('new Error') });
});

test('local_typescript: LocalFileSync reports each change of a local file once, deletions too, and never files under node_modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'local-sync-'));
  const local = join(dir, 'a.ts');
  const packaged = join(dir, 'node_modules', 'p.d.ts');
  write(local, 'export const a = 1;\n');
  const reports: [string, number][] = [];
  const watchers: FileWatchers = new Map([
    [local, (path, kind) => reports.push([path, kind])],
    [packaged, (path, kind) => reports.push([path, kind])],
  ]);
  const sync = new LocalFileSync(watchers);
  assert.equal(sync.reportChanges(), false); // nothing recorded yet: the converter has just read the files
  sync.recordNew();
  assert.equal(sync.reportChanges(), false);
  write(local, 'export const a = 2;\n');
  assert.equal(sync.reportChanges(), true);
  assert.equal(sync.reportChanges(), false);
  rmSync(local);
  assert.equal(sync.reportChanges(), true);
  assert.deepEqual(reports, [
    [local, 1],
    [local, 2],
  ]);
});
