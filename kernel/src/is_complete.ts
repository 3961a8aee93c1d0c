/**
 * `is_complete_request`: whether a cell is ready to run (`complete`), needs more lines
 * (`incomplete`: open brackets, an open template literal or block comment, a trailing operator)
 * or can never be completed by adding lines (`invalid`: e.g. `let = 7q`, `}}`).
 */
import { typescript } from './tslab_internals';

/** The `is_complete_reply` content. */
export type IsCompleteReply = { status: 'complete' } | { status: 'invalid' } | { status: 'incomplete'; indent: string };

/** Diagnostics that adding lines can fix although they do not sit at the end. */
const OPEN_AT_END = new Set(['Unterminated template literal.', "'*/' expected."]);

/** Classifies `code` from TypeScript's parse diagnostics. */
export function isComplete(code: string): IsCompleteReply {
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: { start: number; messageText: unknown }[] }).parseDiagnostics;
  if (diagnostics.length === 0) return { status: 'complete' };
  const end = code.trimEnd().length;
  const fixableByMoreLines = diagnostics.every((d) => {
    const text = String(d.messageText);
    return OPEN_AT_END.has(text) || (d.start >= end && text.endsWith(' expected.'));
  });
  if (!fixableByMoreLines) return { status: 'invalid' };
  // As in IPython and tslab, a trailing empty line submits what was typed.
  if (/\n[ \t]*\n[ \t]*$/.test(code)) return { status: 'complete' };
  return { status: 'incomplete', indent: nextIndent(code) };
}

function nextIndent(code: string): string {
  const lastLine = code.slice(code.lastIndexOf('\n') + 1);
  const indent = /^[ \t]*/.exec(lastLine)?.[0] ?? '';
  return /[{([]\s*$/.test(lastLine) ? `${indent}  ` : indent;
}
