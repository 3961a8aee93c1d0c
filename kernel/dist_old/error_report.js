"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.diagnosticLine = exports.isDiagnostic = exports.reportError = void 0;
/** Turns what tslab's executor reports for a failed cell into the protocol's `ename`/`evalue`/`traceback`. */
const util_1 = require("util");
const interrupt_1 = require("./interrupt");
const tslab_internals_1 = require("./tslab_internals");
/** Frames of the kernel's own machinery, dropped from tracebacks. */
const INTERNAL_FRAME = /node_modules[\\/]tslab[\\/]|kernel[\\/]dist[\\/]|\(node:|at node:|^\s*at new Promise \(<anonymous>\)$/;
/** tslab's executor rejects a cell's await with this message on interrupt. */
const TSLAB_ASYNC_INTERRUPT = 'Interrupted asynchronously';
/** Builds the report from the executor's `console.error` calls (diagnostics, or one thrown value). */
function reportError(calls) {
    const diagnostics = calls.filter(isDiagnostic);
    if (diagnostics.length > 0)
        return reportDiagnostics(diagnostics);
    if (calls.length === 0)
        return { ename: 'Error', evalue: 'the cell failed without an error message', traceback: [] };
    return reportThrown(calls[calls.length - 1][0]);
}
exports.reportError = reportError;
/** Whether one `console.error` call of the executor printed a TypeScript diagnostic. */
function isDiagnostic(call) {
    return call[0] === tslab_internals_1.DIAGNOSTIC_FORMAT;
}
exports.isDiagnostic = isDiagnostic;
/** The `line:column - message` text of a diagnostic call, as tslab prints it. */
function diagnosticLine([, file, line, column, message]) {
    return `${String(file)}${String(line)}:${String(column)} - ${String(message)}`;
}
exports.diagnosticLine = diagnosticLine;
function reportDiagnostics(calls) {
    const lines = calls.map(diagnosticLine);
    return { ename: 'TypeScriptError', evalue: lines[0], traceback: ['TypeScriptError: the cell does not compile', ...lines] };
}
function reportThrown(value) {
    if (value instanceof Error || (typeof value === 'object' && value !== null && 'stack' in value && 'message' in value)) {
        const error = value;
        if (error.message === TSLAB_ASYNC_INTERRUPT || error.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') {
            return reportThrown(new interrupt_1.InterruptError());
        }
        const name = error.name || 'Error';
        const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line) && !INTERNAL_FRAME.test(line));
        return { ename: name, evalue: error.message, traceback: [`${name}: ${error.message}`, ...frames] };
    }
    const text = (0, util_1.inspect)(value, { depth: 2 });
    return { ename: 'Uncaught', evalue: text, traceback: [`Uncaught ${text}`] };
}
