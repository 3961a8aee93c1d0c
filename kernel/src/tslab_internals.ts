/**
 * Everything this kernel takes from tslab's internals, in one place.
 *
 * Why internals: tslab's public API (`tslab` package main) only offers `display`/`versions`; the
 * TypeScript converter and the hook behind `tslab.display` live in `tslab/dist/*`. We reuse the
 * converter (incremental type checking, declarations between cells, completion, inspection) and
 * replace tslab's executor and protocol layer. These paths and shapes are those of tslab 1.0.22, pinned exactly in
 * kernel/package.json; re-check this file before changing that version.
 */
import { readFileSync } from 'fs';
import Module from 'module';
import { dirname } from 'path';
import type * as TS from 'typescript';
import { cellProgramFactory } from './cell_program';
import { kernelTypingsPack } from './typings_pack_file';

/** A TypeScript diagnostic as tslab reports it (zero-based line/character). */
export interface TslabDiagnostic {
  start: { offset: number; line: number; character: number };
  end: { offset: number; line: number; character: number };
  messageText: string;
  category: number;
  code: number;
  fileName?: string;
}

/** What the kernel uses of converting one cell: its type errors and its declarations for later cells. */
export interface ConvertResult {
  declOutput?: string;
  diagnostics: TslabDiagnostic[];
}

/** Completion candidates replacing `[start, end)` of the cell. */
export interface CompletionInfo {
  start: number;
  end: number;
  candidates: string[];
}

/** What tslab's converter calls when a file of its program changes (TypeScript's `FileWatcherCallback`). */
export type FileWatcherCallback = (fileName: string, kind: TS.FileWatcherEventKind) => void;

/** tslab's file watcher callbacks, by path. */
export type FileWatchers = Map<string, FileWatcherCallback>;

/** tslab's incremental TypeScript converter. */
export interface Converter {
  convert(prevDecl: string, src: string): ConvertResult;
  inspect(prevDecl: string, src: string, position: number): TS.QuickInfo | undefined;
  complete(prevDecl: string, src: string, position: number): CompletionInfo;
  addModule(name: string, content: string, meta?: unknown): TslabDiagnostic[];
  close(): void;
  /** The callbacks of the files the converter's program watches (exposed by {@link CONVERTER_FIXES}). */
  fileWatchers: FileWatchers;
  /** Calls `use` with the program containing `src` after `prevDecl`, the cell's source file and the length of the prefix tslab puts before the cell (added by {@link CONVERTER_FIXES}). */
  withCellProgram<T>(prevDecl: string, src: string, use: (program: TS.Program, file: TS.SourceFile, prefixLength: number) => T): T;
}

type DisplayWriter = (
  data: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

/** Resolves one of tslab's dependencies from tslab's own folder (the copy tslab itself uses). */
function resolveFromTslab(request: string): string {
  return require.resolve(request, { paths: [require.resolve('tslab/package.json')] });
}

/** TypeScript as bundled with tslab (the converter has loaded it: no extra cost). */
export function typescript(): typeof TS {
  return require(resolveFromTslab('@tslab/typescript-for-tslab')) as typeof TS;
}

/** The version of tslab's TypeScript, read without loading the compiler. */
export function typescriptVersion(): string {
  return (require(resolveFromTslab('@tslab/typescript-for-tslab/package.json')) as { version: string }).version;
}

/**
 * Creates tslab's converter for Node.js cells rooted at the current directory (takes ~0.8 s: it
 * builds a TS program). Used for type checking, declarations kept between cells, completion and
 * inspection; cells run through repl_session.ts, not through tslab's executor.
 */
export function createConverter(options: { isBrowser: boolean }): Converter {
  const { createConverter: create } = patchedConverterModule();
  const ts = typescript();
  return create({
    isJS: false,
    isBrowser: options.isBrowser,
    createProgram: cellProgramFactory(ts),
    compilerOptions: { paths: typingsPackPaths(ts) },
  }) as Converter;
}

/** `paths` sending every import of a packed package (and of its files) to the typings pack (typings_pack.ts). */
function typingsPackPaths(ts: typeof TS): TS.MapLike<string[]> {
  const { file, packages } = kernelTypingsPack(ts);
  return Object.fromEntries(packages.flatMap((name) => [name, `${name}/*`].map((pattern) => [pattern, [file]])));
}

/**
 * Fixes in tslab's converter, applied to its source when loaded. Each pair is (exact text, replacement).
 *
 * - tslab lists a cell's locals by their *escaped* names (TypeScript writes `__x` as `___x` in symbol
 *   tables) when it appends `export { … }` to the cell, so `const __x = 41` failed with "Cannot find
 *   name '___x'"; the same slip declared `let ___x: any` for names it keeps as `any`.
 * - Speed: the watch host takes its `createProgram` from the converter's options (`cell_program.ts`:
 *   no incremental builder state), and the declarations file is marked changed only when it changed,
 *   so a cell that adds no declarations re-parses and re-resolves nothing but itself. The cell itself
 *   is emitted as declarations only: the kernel compiles what it runs itself (`cell_emit.ts`), so
 *   tslab's JavaScript for the cell (and its CommonJS rewrite) went unused; `output` stays undefined.
 * - The converter's file watchers are exposed, so that a local file edited just before a cell is
 *   seen by that cell's check (`local_typescript.ts`); TypeScript's own watchers report it later.
 * - Extra compiler options come from the converter's options: `paths` to the typings pack
 *   (typings_pack.ts), so a new cell's program has ~160 files instead of ~890.
 * - `withCellProgram` hands the program with a cell in it to a function (as tslab's `inspect` does for
 *   its quick info), for the services tslab does not wrap (signature help, `call_help.ts`).
 */
const CONVERTER_FIXES: [string, string][] = [
  [
    '"\\nexport {" + Array.from(keys).join(", ") + "}"',
    '"\\nexport {" + Array.from(keys, (k) => ts.unescapeLeadingUnderscores(k)).join(", ") + "}"',
  ],
  ['anyVarsDecls.push(`let ${name}: any;\\n`)', 'anyVarsDecls.push(`let ${ts.unescapeLeadingUnderscores(name)}: any;\\n`)'],
  [
    '        outDir,\n    }, sys, null, function (d) {',
    '        outDir,\n        ...options.compilerOptions,\n    }, sys, options.createProgram, function (d) {',
  ],
  [
    'const changed = declContent != decls || srcContent != src;',
    'const declsChanged = declContent != decls;\n        const changed = declsChanged || srcContent != src;',
  ],
  [
    'notifyUpdateDecls(declFilename, ts.FileWatcherEventKind.Changed);',
    'if (declsChanged) notifyUpdateDecls(declFilename, ts.FileWatcherEventKind.Changed);',
  ],
  [
    '}, undefined, undefined, getCustomTransformers(builder.getProgram().getTypeChecker()',
    '}, undefined, dep === srcFilename, getCustomTransformers(builder.getProgram().getTypeChecker()',
  ],
  ['output: esModuleToCommonJSModule(output, transpileTarget),', 'output,'],
  ['        addModule,\n    };', '        addModule,\n        fileWatchers,\n        withCellProgram,\n    };'],
  [
    '    function close() {\n        watch.close();\n    }',
    '    function close() {\n        watch.close();\n    }\n' +
      '    function withCellProgram(prevDecl, src, use) {\n' +
      '        updateContent(prevDecl, src);\n' +
      '        const srcFile = builder.getSourceFile(srcFilename);\n' +
      '        asMutable(srcFile).parent = builder.getSourceFile(declFilename);\n' +
      '        return use(builder.getProgram(), srcFile, srcPrefix.length);\n' +
      '    }',
  ],
];

let converterModule: { createConverter(options: object): unknown } | undefined;

/** tslab/dist/converter.js with {@link CONVERTER_FIXES} applied, loaded once as its own module. */
function patchedConverterModule(): { createConverter(options: object): unknown } {
  if (converterModule) return converterModule;
  const filename = require.resolve('tslab/dist/converter');
  let source = readFileSync(filename, 'utf8');
  for (const [text, replacement] of CONVERTER_FIXES) {
    if (!source.includes(text))
      throw new Error(
        `tslab's converter (${filename}) no longer contains ${text}; re-check kernel/src/tslab_internals.ts against this tslab version`,
      );
    source = source.replace(text, replacement);
  }
  const loaded = new Module(filename, module);
  loaded.filename = filename;
  loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(filename));
  (loaded as unknown as { _compile(source: string, filename: string): void })._compile(source, filename);
  converterModule = loaded.exports as { createConverter(options: object): unknown };
  return converterModule;
}

/** Formats a quick-info result the way tslab's own inspect reply does. */
export function printQuickInfo(info: TS.QuickInfo): string {
  const { printQuickInfo: print } = require('tslab/dist/inspect');
  return print(info) as string;
}

/** Routes tslab's public `display` API (`import * as tslab from "tslab"`) to `writer`. */
export function setTslabDisplayWriter(writer: DisplayWriter): void {
  // tslab's public display reads this module-level variable of tslab/dist/jupyter at each call.
  require('tslab/dist/jupyter').lastWriteDisplayData = writer;
}
