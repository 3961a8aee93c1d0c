/** Turns what tslab's executor reports for a failed cell into the protocol's `ename`/`evalue`/`traceback`. */
import { inspect } from 'util';
import { InterruptError } from './interrupt';
import { DIAGNOSTIC_FORMAT } from './tslab_internals';

/** The error fields of an `execute_reply` and of an IOPub `error`. */
export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One `console.error` call of tslab's executor. */
export type ExecutorErrorCall = unknown[];

/** Frames of the kernel's own machinery, dropped from tracebacks. */
const INTERNAL_FRAME = /node_modules[\\/]tslab[\\/]|kernel[\\/]dist[\\/]|\(node:|at node:|^\s*at new Promise \(<anonymous>\)$/;

/** tslab's executor rejects a cell's await with this message on interrupt. */
const TSLAB_ASYNC_INTERRUPT = 'Interrupted asynchronously';

/** Builds the report from the executor's `console.error` calls (diagnostics, or one thrown value). */
export function reportError(calls: ExecutorErrorCall[]): ErrorReport {
  const diagnostics = calls.filter(isDiagnostic);
  if (diagnostics.length > 0) return reportDiagnostics(diagnostics);
  if (calls.length === 0) return { ename: 'Error', evalue: 'the cell failed without an error message', traceback: [] };
  return reportThrown(calls[calls.length - 1][0]);
}

/** Whether one `console.error` call of the executor printed a TypeScript diagnostic. */
export function isDiagnostic(call: ExecutorErrorCall): boolean {
  return call[0] === DIAGNOSTIC_FORMAT;
}

/** The `line:column - message` text of a diagnostic call, as tslab prints it. */
export function diagnosticLine([, file, line, column, message]: ExecutorErrorCall): string {
  return `${String(file)}${String(line)}:${String(column)} - ${String(message)}`;
}

function reportDiagnostics(calls: ExecutorErrorCall[]): ErrorReport {
  const lines = calls.map(diagnosticLine);
  return { ename: 'TypeScriptError', evalue: lines[0], traceback: ['TypeScriptError: the cell does not compile', ...lines] };
}

function reportThrown(value: unknown): ErrorReport {
  if (value instanceof Error || (typeof value === 'object' && value !== null && 'stack' in value && 'message' in value)) {
    const error = value as Error & { code?: string };
    if (error.message === TSLAB_ASYNC_INTERRUPT || error.code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') {
      return reportThrown(new InterruptError());
    }
    const name = error.name || 'Error';
    const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line) && !INTERNAL_FRAME.test(line));
    return { ename: name, evalue: error.message, traceback: [`${name}: ${error.message}`, ...frames] };
  }
  const text = inspect(value, { depth: 2 });
  return { ename: 'Uncaught', evalue: text, traceback: [`Uncaught ${text}`] };
}
