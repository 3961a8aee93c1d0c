/** Turns a failed cell (type errors, a thrown value) into the protocol's `ename`/`evalue`/`traceback`. */
import { inspect } from 'util';
import { excerpt, type TracebackContext, tracebackLines } from './traceback';
import type { TslabDiagnostic } from './tslab_internals';

/** The error fields of an `execute_reply` and of an IOPub `error`. */
export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
}

const CATEGORY = ['warning', 'error', 'suggestion', 'message'];

/** Type errors as `tsc --pretty` prints them: `cell:2:7 - error TS2322: …`, the line, `~` under the span. */
export function reportDiagnostics(diagnostics: readonly TslabDiagnostic[], source: string, label: string): ErrorReport {
  const blocks = diagnosticBlocks(diagnostics, source, label);
  const count = blocks.length;
  return {
    ename: 'TypeScriptError',
    evalue: blocks[0][0],
    traceback: [
      `TypeScriptError: the cell does not compile (${count} error${count === 1 ? '' : 's'})`,
      '',
      ...blocks.flatMap((block) => [...block, '']),
    ],
  };
}

/** The pretty text of `diagnostics` (for the `warn` mode's stderr). */
export function prettyDiagnostics(diagnostics: readonly TslabDiagnostic[], source: string, label: string): string {
  return diagnosticBlocks(diagnostics, source, label)
    .map((block) => block.join('\n'))
    .join('\n\n');
}

/**
 * One block per diagnostic: the head line, then the message chain's details (tslab lists a
 * chain's entries as diagnostics with the same span), then the excerpt.
 */
function diagnosticBlocks(diagnostics: readonly TslabDiagnostic[], source: string, label: string): string[][] {
  const blocks: string[][] = [];
  let previous: TslabDiagnostic | undefined;
  for (const d of diagnostics) {
    const chained = previous && !d.fileName && d.start.offset === previous.start.offset && d.end.offset === previous.end.offset;
    if (chained) {
      blocks[blocks.length - 1].splice(-2, 0, `  ${d.messageText}`);
      continue;
    }
    previous = d;
    const file = d.fileName ?? label;
    const head = `${file}:${d.start.line + 1}:${d.start.character + 1} - ${CATEGORY[d.category] ?? 'error'} TS${d.code}: ${d.messageText}`;
    blocks.push(d.fileName ? [head] : [head, ...underline(source, d)]);
  }
  return blocks;
}

/** The diagnostic's first line and `~` under its span on that line. */
function underline(source: string, d: TslabDiagnostic): string[] {
  const [, numbered, caret] = excerpt(source, d.start.line, d.start.character, '');
  const lineEnd = d.end.line === d.start.line ? d.end.character : (source.split('\n')[d.start.line] ?? '').length;
  const width = Math.max(1, lineEnd - d.start.character);
  return [numbered, caret.replace(/\^$/, '~'.repeat(width))];
}

/** The report for a value a cell threw (mapped, folded traceback for errors). */
export function reportThrown(value: unknown, context?: TracebackContext): ErrorReport {
  if (isErrorLike(value)) {
    const name = value.name || 'Error';
    const frames = context
      ? tracebackLines(value.stack ?? '', context)
      : (value.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    return { ename: name, evalue: value.message, traceback: [`${name}: ${value.message}`, ...frames] };
  }
  const text = inspect(value, { depth: 2 });
  return { ename: 'Uncaught', evalue: text, traceback: [`Uncaught ${text}`] };
}

function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null && 'stack' in value && 'message' in value);
}
