/**
 * Runs cells: tslab's converter checks each cell against the declarations of earlier cells and
 * gives its declarations for later ones; cell_emit.ts compiles it to a script with a source map;
 * repl_session.ts runs that script in V8's REPL mode, where top-level bindings persist even when
 * the cell throws or is interrupted. Declarations are committed for the checker whenever the
 * cell ran (also partly), with `any` for bindings whose initialiser never ran.
 */
import { callHelp } from './call_help';
import { emitCell, type EmittedCell, type LexicalName } from './cell_emit';
import { installCellGlobals } from './cell_globals';
import { type ErrorReport, prettyDiagnostics, reportDiagnostics, reportThrown } from './error_report';
import { InterruptController, InterruptError } from './interrupt';
import { forgetChangedTypeScript, LocalFileSync, localTypeScriptScript, registerTypeScriptLoader } from './local_typescript';
import { blankExports } from './module_syntax';
import { type Evaluation, ReplSession } from './repl_session';
import type { CellScript, TracebackContext } from './traceback';
import {
  type CompletionInfo,
  type Converter,
  type ConvertResult,
  createConverter,
  printQuickInfo,
  type TslabDiagnostic,
  typescript,
} from './tslab_internals';
import { isNocheckCell, type TypecheckMode } from './typecheck_mode';

/** How a cell ended: with an optional last value, or with an error. */
export type CellOutcome = { ok: true; hasValue: boolean; value: unknown; warnings: string[] } | { ok: false; error: ErrorReport };

/** Options of the runner. */
export interface CellRunnerOptions {
  /** What type errors do (see typecheck_mode.ts). */
  typecheck: TypecheckMode;
  /** Folders whose stack frames fold under a name in tracebacks. */
  libraries?: { dir: string; name: string }[];
}

/** Frames kept in stacks, enough to reach the cell's frames below a library's. */
const STACK_FRAMES = 100;

/** Executes cells one at a time in this process's V8 context. */
export class CellRunner {
  readonly interrupts: InterruptController;
  /** Receives the full thrown value of each failed cell (deconvlab's `lastError`). */
  onError: (error: unknown) => void = () => undefined;
  private readonly converter: Converter;
  private readonly localFiles: LocalFileSync;
  private readonly repl = new ReplSession();
  private readonly scripts = new Map<string, CellScript>();
  private readonly traceback: TracebackContext;
  private prevDecl = '';
  private runs = 0;
  private cancelAwait: (() => void) | undefined;
  private lastConversion: { code: string; prevDecl: string; result: ConvertResult } | undefined;

  /** Builds the TypeScript program (~0.8 s); `rootDir` is where cells' `require` resolves from; `flag` is the shared interrupt flag. */
  constructor(
    rootDir: string,
    flag: Int32Array,
    private readonly options: CellRunnerOptions,
  ) {
    this.converter = createConverter({ isBrowser: false });
    this.localFiles = new LocalFileSync(this.converter.fileWatchers);
    // V8 keeps 10 frames by default: a tfjs op's own frames would push the cell's out of the stack.
    Error.stackTraceLimit = Math.max(Error.stackTraceLimit, STACK_FRAMES);
    installCellGlobals(rootDir);
    registerTypeScriptLoader();
    this.interrupts = new InterruptController(flag, () => this.cancelAwait?.());
    this.interrupts.install();
    this.traceback = { cell: (url) => this.scripts.get(url) ?? localTypeScriptScript(url), libraries: options.libraries ?? [] };
  }

  /** Runs one cell to completion (including its top-level awaits); `label` names it in tracebacks (e.g. `Cell In[3]`). */
  run(code: string, label = 'cell'): Promise<CellOutcome> {
    // An interrupt that arrives while the cell is being checked still stops it.
    return this.interrupts.run(() => this.checkAndRun(code, label));
  }

  private async checkAndRun(code: string, label: string): Promise<CellOutcome> {
    const url = `deconvlab-cell-${++this.runs}.js`;
    forgetChangedTypeScript();
    const emitted = emitCell(code, url);
    const converted = this.convert(code);
    const { diagnostics } = converted;
    const mode = isNocheckCell(code) ? 'off' : this.options.typecheck;
    if (emitted.syntaxErrors.length > 0)
      return failed(reportDiagnostics(diagnostics.length > 0 ? diagnostics : tslabDiagnostics(emitted), code, label));
    if (diagnostics.length > 0 && mode === 'error') return failed(reportDiagnostics(diagnostics, code, label));
    const warnings =
      diagnostics.length > 0 && mode === 'warn'
        ? [`${prettyDiagnostics(diagnostics, code, label)}\n(--typecheck=warn: the cell runs anyway; its declarations are typed \`any\`)`]
        : [];
    const declarations =
      diagnostics.length > 0 || converted.declOutput === undefined ? this.anyDeclarations(emitted) : converted.declOutput;

    this.scripts.set(url, { label, source: code, sourceMap: emitted.sourceMap });
    const evaluation = await this.evaluateInterruptibly(emitted.js);
    if (evaluation.ok) {
      this.prevDecl = declarations;
      const value = emitted.lastIsExpression ? evaluation.value : undefined;
      return { ok: true, hasValue: value !== undefined && value !== null, value, warnings };
    }
    for (const warning of warnings) process.stderr.write(`${warning}\n`);
    this.onError(evaluation.error);
    if (ranPartly(evaluation.error, url)) this.prevDecl = await this.settleUninitialised(emitted.lexicalNames, declarations);
    return failed(reportThrown(evaluation.error, this.traceback));
  }

  /** The converter's result for `code` after the current declarations; a re-run cell with unchanged declarations reuses the last one. */
  private convert(code: string): ConvertResult {
    return this.useConverter((filesChanged) => {
      const last = this.lastConversion;
      if (!filesChanged && last && last.code === code && last.prevDecl === this.prevDecl) return last.result;
      const result = this.converter.convert(this.prevDecl, blankExports(code));
      this.lastConversion = { code, prevDecl: this.prevDecl, result };
      return result;
    });
  }

  /** Completion candidates at `position`. */
  complete(code: string, position: number): CompletionInfo {
    return this.useConverter(() => this.converter.complete(this.prevDecl, code, position));
  }

  /** Help text at `position`: inside a call's parentheses the callee's signature, docs and current parameter; elsewhere quick info. */
  inspect(code: string, position: number): string | undefined {
    return this.useConverter(() => {
      const help = this.converter.withCellProgram(this.prevDecl, code, (program, file, prefix) =>
        callHelp(typescript(), program, file, position + prefix),
      );
      if (help) return help;
      const info = this.converter.inspect(this.prevDecl, code, position);
      return info && printQuickInfo(info);
    });
  }

  /** Runs `use` after telling the converter which local files changed (`filesChanged`: whether any did). */
  private useConverter<T>(use: (filesChanged: boolean) => T): T {
    const filesChanged = this.localFiles.reportChanges();
    const result = use(filesChanged);
    this.localFiles.recordNew();
    return result;
  }

  /** Evaluates `js`; an interrupt ends the wait at once (the cell's background work is stopped by its guards). */
  private evaluateInterruptibly(js: string): Promise<Evaluation> {
    return new Promise<Evaluation>((resolve) => {
      this.cancelAwait = () => resolve({ ok: false, error: new InterruptError() });
      this.repl.evaluate(js).then(resolve, (error: unknown) => resolve({ ok: false, error }));
    }).finally(() => {
      this.cancelAwait = undefined;
    });
  }

  /** The checker's declarations after this cell with every name it declares typed `any` (the cell ran despite type errors). */
  private anyDeclarations(emitted: EmittedCell): string {
    const source = [
      ...emitted.declared.values.map((name) => `declare let ${name}: any;`),
      ...emitted.declared.types.map((name) => `type ${name} = any;`),
    ].join('\n');
    return this.redeclare(this.prevDecl, source);
  }

  /**
   * After a cell stopped early: bindings still in their temporal dead zone (their initialiser never
   * ran) are redeclared as `undefined` at run time and as `any` for the checker, with a note.
   */
  private async settleUninitialised(names: LexicalName[], declarations: string): Promise<string> {
    if (names.length === 0) return declarations;
    const probe = await this.repl.evaluate(
      `[${names.map(({ name }) => `(() => { try { ${name}; return false; } catch { return true; } })()`).join(', ')}]`,
    );
    if (!probe.ok || !Array.isArray(probe.value)) return declarations;
    const flags = probe.value as boolean[];
    const dead = names.filter((_, i) => flags[i]);
    if (dead.length === 0) return declarations;
    await this.repl.evaluate(dead.map(({ name, kind }) => (kind === 'const' ? `const ${name} = undefined;` : `let ${name};`)).join('\n'));
    for (const { name } of dead) {
      process.stderr.write(`note: \`${name}\` was declared but its initialiser did not run; it is \`undefined\` and typed \`any\`\n`);
    }
    return this.redeclare(
      declarations,
      dead.map(({ name, kind }) => `declare ${kind === 'const' ? 'const' : 'let'} ${name}: any;`).join('\n'),
    );
  }

  /** `declarations` with `source`'s declarations replacing those of the same names (through tslab's converter). */
  private redeclare(declarations: string, source: string): string {
    if (source === '') return declarations;
    const converted = this.converter.convert(declarations, source);
    return converted.diagnostics.length === 0 && converted.declOutput !== undefined ? converted.declOutput : declarations;
  }
}

function failed(error: ErrorReport): CellOutcome {
  return { ok: false, error };
}

/**
 * Whether any of the cell ran: false when V8 refused to compile the script (e.g. a `let` that
 * clashes with an earlier cell's `var`), whose error has no frame in the cell.
 */
function ranPartly(error: unknown, url: string): boolean {
  if (!(error instanceof SyntaxError)) return true;
  return (error.stack ?? '').includes(url);
}

/** Syntax errors of the emit step in tslab's diagnostic shape (zero-based positions in the cell). */
function tslabDiagnostics(emitted: EmittedCell): TslabDiagnostic[] {
  const ts = typescript();
  return emitted.syntaxErrors.map((d) => {
    const at = (offset: number) => {
      const { line, character } = d.file ? d.file.getLineAndCharacterOfPosition(offset) : { line: 0, character: 0 };
      return { offset, line, character };
    };
    const start = d.start ?? 0;
    return {
      start: at(start),
      end: at(start + (d.length ?? 0)),
      messageText: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      category: d.category,
      code: d.code,
    };
  });
}
