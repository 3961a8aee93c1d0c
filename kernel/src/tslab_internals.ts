/**
 * Everything this kernel takes from tslab's internals, in one place.
 *
 * Why internals: tslab's public API (`tslab` package main) only offers `display`/`versions`; the
 * TypeScript converter, the executor and the hook behind `tslab.display` live in `tslab/dist/*`.
 * We reuse them (incremental type checking, completion, inspection, top-level await) and replace
 * tslab's protocol layer. These paths and shapes are those of tslab 1.0.22, pinned exactly in
 * kernel/package.json; re-check this file before changing that version.
 */
import type * as TS from 'typescript';

/** A TypeScript diagnostic as tslab reports it (zero-based line/character). */
export interface TslabDiagnostic {
  start: { offset: number; line: number; character: number };
  end: { offset: number; line: number; character: number };
  messageText: string;
  category: number;
  code: number;
  fileName?: string;
}

/** The result of converting one cell from TypeScript to JavaScript. */
export interface ConvertResult {
  output?: string;
  declOutput?: string;
  diagnostics: TslabDiagnostic[];
  lastExpressionVar?: string;
  hasToplevelAwait?: boolean;
  sideOutputs?: { path: string; data: string }[];
}

/** Completion candidates replacing `[start, end)` of the cell. */
export interface CompletionInfo {
  start: number;
  end: number;
  candidates: string[];
}

/** tslab's incremental TypeScript converter. */
export interface Converter {
  convert(prevDecl: string, src: string): ConvertResult;
  inspect(prevDecl: string, src: string, position: number): TS.QuickInfo | undefined;
  complete(prevDecl: string, src: string, position: number): CompletionInfo;
  addModule(name: string, content: string, meta?: unknown): TslabDiagnostic[];
  close(): void;
}

/** The converters tslab's executor uses (Node cells and `//%browser` cells). */
export interface ConverterSet {
  readonly node: Converter;
  readonly browser: Converter;
  close(): void;
}

/** Where tslab's executor reports a cell's last value (`log`) and its errors and diagnostics (`error`). */
export interface ExecutorConsole {
  log(value: unknown): void;
  error(...args: unknown[]): void;
}

/** tslab's executor: converts with the converter set, runs in this V8 context, keeps declarations between cells. */
export interface Executor {
  execute(src: string): Promise<boolean>;
  inspect(src: string, position: number): TS.QuickInfo | undefined;
  complete(src: string, position: number): CompletionInfo;
  /** Rejects the pending top-level await of the running cell. */
  interrupt(): void;
  reset(): void;
  close(): void;
}

/** The format string tslab's executor uses when it prints one diagnostic. */
export const DIAGNOSTIC_FORMAT = '%s%d:%d - %s';

type DisplayWriter = (data: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) => void;

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

/** Creates tslab's converter for Node.js cells rooted at the current directory (takes ~0.8 s: it builds a TS program). */
export function createConverter(options: { isBrowser: boolean }): Converter {
  const { createConverter: create } = require('tslab/dist/converter');
  return create({ isJS: false, isBrowser: options.isBrowser }) as Converter;
}

/** Creates tslab's executor; `require` inside cells resolves from `rootDir`. */
export function createExecutor(rootDir: string, converters: ConverterSet, console: ExecutorConsole): Executor {
  runCellsWithoutBreakOnSigint();
  const { createExecutor: create } = require('tslab/dist/executor');
  return create(rootDir, converters, console) as Executor;
}

/** The wrapper tslab's executor puts around each cell's JavaScript before `vm.runInThisContext`. */
const TSLAB_CELL = /^\((async )?function\(exports, require\) \{ [\s\S]*\}\)\(__tslab__\.exports, __tslab__\.require\)$/;
let breakOnSigintRemoved = false;

/**
 * tslab runs each cell with `vm.runInThisContext(code, {breakOnSigint: true})`. For that run Node
 * removes and re-adds every SIGINT listener; with the control thread also watching SIGINT, libuv
 * then never reinstalls its handler and the next SIGINT kills the kernel. The interrupt guards
 * (interrupt.ts) stop busy cells instead, so tslab's cell runs, and only those, drop the option.
 */
function runCellsWithoutBreakOnSigint(): void {
  if (breakOnSigintRemoved) return;
  breakOnSigintRemoved = true;
  const vm = require('vm') as typeof import('vm');
  const run = vm.runInThisContext;
  vm.runInThisContext = function (this: unknown, code: string, options?: import('vm').RunningScriptOptions | string) {
    const cell = typeof options === 'object' && options.breakOnSigint && TSLAB_CELL.test(code);
    return run.call(this, code, cell ? { ...options, breakOnSigint: false } : options);
  } as typeof vm.runInThisContext;
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
