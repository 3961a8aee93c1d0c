/**
 * Runs cells on tslab's converter and executor: type checking, declarations kept between cells,
 * top-level await, completion and inspection. Adds interrupt guards to the compiled code and turns
 * what the executor prints (last value, errors) into values the protocol layer can send.
 */
import { insertLoopGuards } from './loop_guard';
import { expandShorthandProperties } from './shorthand_properties';
import { hasTopLevelForAwait } from './top_level_for_await';
import { InterruptController } from './interrupt';
import { diagnosticLine, isDiagnostic, reportError, type ErrorReport, type ExecutorErrorCall } from './error_report';
import {
  createConverter,
  createExecutor,
  type CompletionInfo,
  type Converter,
  type ConverterSet,
  type Executor,
} from './tslab_internals';
import type * as TS from 'typescript';

/** How a cell ended: with an optional last value, or with an error. */
export type CellOutcome = { ok: true; hasValue: boolean; value: unknown; warnings: string[] } | { ok: false; error: ErrorReport };

/** Executes cells one at a time in this process's V8 context. */
export class CellRunner {
  readonly interrupts: InterruptController;
  private readonly executor: Executor;
  private errors: ExecutorErrorCall[] = [];
  private value: { value: unknown } | undefined;

  /** Builds the TypeScript program (~0.8 s); `rootDir` is where cells' `require` resolves from; `flag` is the shared interrupt flag. */
  constructor(rootDir: string, flag: Int32Array) {
    const node = guarded(createConverter({ isBrowser: false }));
    let browser: Converter | undefined;
    const converters: ConverterSet = {
      node,
      get browser() {
        browser ??= createConverter({ isBrowser: true });
        return browser;
      },
      close: () => {
        node.close();
        browser?.close();
      },
    };
    this.executor = createExecutor(rootDir, converters, {
      log: (value) => {
        this.value = { value };
      },
      error: (...args) => {
        this.errors.push(args);
      },
    });
    this.interrupts = new InterruptController(flag, () => this.executor.interrupt());
    this.interrupts.install();
  }

  /** Runs one cell to completion (including its top-level awaits). */
  async run(code: string): Promise<CellOutcome> {
    this.errors = [];
    this.value = undefined;
    const ok = await this.interrupts.run(() => this.executor.execute(code));
    if (!ok) return { ok: false, error: reportError(this.errors) };
    // Module cells (`//%module`) succeed even with diagnostics; those are shown as warnings.
    const warnings = this.errors.filter(isDiagnostic).map(diagnosticLine);
    // Set by the executor's `log` callback during `execute` (TypeScript cannot see that assignment).
    const last = this.value as { value: unknown } | undefined;
    return { ok: true, hasValue: last !== undefined, value: last?.value, warnings };
  }

  /** Completion candidates at `position`. */
  complete(code: string, position: number): CompletionInfo {
    return this.executor.complete(code, position);
  }

  /** Quick info (type and docs) at `position`, if any. */
  inspect(code: string, position: number): TS.QuickInfo | undefined {
    return this.executor.inspect(code, position);
  }
}

/** tslab's converter with its shorthand-property gap closed and interrupt guards added to the output. */
function guarded(converter: Converter): Converter {
  return {
    convert: (prevDecl, src) => {
      const result = converter.convert(prevDecl, expandShorthandProperties(src));
      if (result.output) {
        if (hasTopLevelForAwait(result.output)) result.hasToplevelAwait = true;
        result.output = insertLoopGuards(result.output, result.hasToplevelAwait === true);
      }
      return result;
    },
    inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
    complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
    addModule: (name, content, meta) => converter.addModule(name, content, meta),
    close: () => converter.close(),
  };
}
