"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CellRunner = void 0;
/**
 * Runs cells on tslab's converter and executor: type checking, declarations kept between cells,
 * top-level await, completion and inspection. Adds interrupt guards to the compiled code and turns
 * what the executor prints (last value, errors) into values the protocol layer can send.
 */
const loop_guard_1 = require("./loop_guard");
const shorthand_properties_1 = require("./shorthand_properties");
const top_level_for_await_1 = require("./top_level_for_await");
const interrupt_1 = require("./interrupt");
const error_report_1 = require("./error_report");
const tslab_internals_1 = require("./tslab_internals");
/** Executes cells one at a time in this process's V8 context. */
class CellRunner {
    interrupts;
    executor;
    errors = [];
    value;
    /** Builds the TypeScript program (~0.8 s); `rootDir` is where cells' `require` resolves from; `flag` is the shared interrupt flag. */
    constructor(rootDir, flag) {
        const node = guarded((0, tslab_internals_1.createConverter)({ isBrowser: false }));
        let browser;
        const converters = {
            node,
            get browser() {
                browser ??= (0, tslab_internals_1.createConverter)({ isBrowser: true });
                return browser;
            },
            close: () => {
                node.close();
                browser?.close();
            },
        };
        this.executor = (0, tslab_internals_1.createExecutor)(rootDir, converters, {
            log: (value) => {
                this.value = { value };
            },
            error: (...args) => {
                this.errors.push(args);
            },
        });
        this.interrupts = new interrupt_1.InterruptController(flag, () => this.executor.interrupt());
        this.interrupts.install();
    }
    /** Runs one cell to completion (including its top-level awaits). */
    async run(code) {
        this.errors = [];
        this.value = undefined;
        const ok = await this.interrupts.run(() => this.executor.execute(code));
        if (!ok)
            return { ok: false, error: (0, error_report_1.reportError)(this.errors) };
        // Module cells (`//%module`) succeed even with diagnostics; those are shown as warnings.
        const warnings = this.errors.filter(error_report_1.isDiagnostic).map(error_report_1.diagnosticLine);
        // Set by the executor's `log` callback during `execute` (TypeScript cannot see that assignment).
        const last = this.value;
        return { ok: true, hasValue: last !== undefined, value: last?.value, warnings };
    }
    /** Completion candidates at `position`. */
    complete(code, position) {
        return this.executor.complete(code, position);
    }
    /** Quick info (type and docs) at `position`, if any. */
    inspect(code, position) {
        return this.executor.inspect(code, position);
    }
}
exports.CellRunner = CellRunner;
/** tslab's converter with its shorthand-property gap closed and interrupt guards added to the output. */
function guarded(converter) {
    return {
        convert: (prevDecl, src) => {
            const result = converter.convert(prevDecl, (0, shorthand_properties_1.expandShorthandProperties)(src));
            if (result.output) {
                if ((0, top_level_for_await_1.hasTopLevelForAwait)(result.output))
                    result.hasToplevelAwait = true;
                result.output = (0, loop_guard_1.insertLoopGuards)(result.output, result.hasToplevelAwait === true);
            }
            return result;
        },
        inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
        complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
        addModule: (name, content, meta) => converter.addModule(name, content, meta),
        close: () => converter.close(),
    };
}
