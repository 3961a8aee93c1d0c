/**
 * Local TypeScript files for cells: `import { f } from './helper'` with `helper.ts` beside the
 * notebook runs `helper.ts`, compiled to CommonJS by TypeScript as Node's `require` loads it (a `.ts`
 * entry in `require.extensions`, as ts-node does). tslab's converter has type-checked the file with
 * the cell that imports it. A file edited since it was loaded is loaded again by the next cell that
 * imports it: each cell starts by forgetting the files that changed. Tracebacks show the file's own
 * lines (its source map, as for cells). {@link LocalFileSync} keeps the converter's view of the files
 * as fresh as the run time's.
 */
import { readFileSync, statSync } from 'fs';
import Module from 'module';
import { relative } from 'path';
import { type SourceMap, splitTranspileOutput } from './source_map';
import type { CellScript } from './traceback';
import { type FileWatcherCallback, type FileWatchers, typescript } from './tslab_internals';

/** The extensions loaded here; `.d.ts` files never resolve as modules (`x.d` is not `x`). */
const EXTENSIONS = ['.ts', '.tsx', '.cts'];

/** Declaration files: the converter's own watchers report their (rare) edits. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** Each loaded file: its modification time when it was loaded, and its script for tracebacks. */
const loaded = new Map<string, { mtimeMs: number; script: CellScript }>();

type CompilingModule = Module & { _compile(code: string, filename: string): void };

/** Registers the TypeScript loader with Node's `require` (once per process). */
export function registerTypeScriptLoader(): void {
  const extensions = (Module as unknown as { _extensions: Record<string, (module: Module, filename: string) => void> })._extensions;
  for (const extension of EXTENSIONS) {
    extensions[extension] ??= (module, filename) => {
      const source = readFileSync(filename, 'utf8');
      const { js, sourceMap } = compileToCommonJs(source, filename);
      const script = { label: relative(process.cwd(), filename), source, sourceMap };
      loaded.set(filename, { mtimeMs: statSync(filename).mtimeMs, script });
      (module as CompilingModule)._compile(js, filename);
    };
  }
}

/** Drops the local TypeScript files changed (or removed) since they were loaded from `require`'s cache. */
export function forgetChangedTypeScript(): void {
  for (const [filename, { mtimeMs }] of loaded) {
    if (modifiedAt(filename) === mtimeMs) continue;
    loaded.delete(filename);
    delete require.cache[filename];
  }
}

/**
 * Tells tslab's converter at once about the local source files (outside node_modules, not declaration
 * files) that changed since it read them. Its own watchers report changes asynchronously, so a cell
 * run right after an edit (say, a cell that writes a helper, then one that imports it) could be
 * checked against the old text.
 */
export class LocalFileSync {
  /** Modification time of each local file the converter watches, when last looked at (-1: missing). */
  private readonly seen = new Map<string, number>();
  private listed: [string, FileWatcherCallback][] = [];
  private listedSize = -1;

  constructor(private readonly watchers: FileWatchers) {}

  /** Reports the files changed since {@link recordNew} or the last report; whether there were any. Call before using the converter. */
  reportChanges(): boolean {
    let changed = false;
    for (const [path, callback] of this.localWatchers()) {
      const before = this.seen.get(path);
      const now = modifiedAt(path);
      if (before === undefined || before === now) continue;
      this.seen.set(path, now);
      callback(path, now < 0 ? 2 /* FileWatcherEventKind.Deleted */ : 1 /* FileWatcherEventKind.Changed */);
      changed = true;
    }
    return changed;
  }

  /** Notes the state of files the converter started watching (it has just read them). Call after using the converter. */
  recordNew(): void {
    for (const [path] of this.localWatchers()) if (!this.seen.has(path)) this.seen.set(path, modifiedAt(path));
  }

  /** The watched source files (not declaration files) outside node_modules; re-listed when the watched set changed. */
  private localWatchers(): [string, FileWatcherCallback][] {
    const stale = this.watchers.size !== this.listedSize || this.listed.some(([path, callback]) => this.watchers.get(path) !== callback);
    if (stale) {
      this.listed = [...this.watchers].filter(([path]) => !path.includes('/node_modules/') && !DECLARATION_FILE.test(path));
      this.listedSize = this.watchers.size;
    }
    return this.listed;
  }
}

function modifiedAt(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

/** The loaded local file `filename` names (a stack frame's URL), as tracebacks map it. */
export function localTypeScriptScript(filename: string): CellScript | undefined {
  return loaded.get(filename)?.script;
}

/** `source` without types, as a CommonJS module (what tslab's executor ran for local files), with its source map. */
function compileToCommonJs(source: string, filename: string): { js: string; sourceMap: SourceMap } {
  const ts = typescript();
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      jsx: ts.JsxEmit.React,
      sourceMap: true,
    },
  });
  return splitTranspileOutput(out);
}
