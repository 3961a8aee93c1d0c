/**
 * `is_complete_request`: whether a cell is ready to run (`complete`), needs more lines
 * (`incomplete`: open brackets, an open template literal or block comment, a trailing operator)
 * or can never be completed by adding lines (`invalid`: e.g. `let = 7q`, `}}`).
 */
import { typescript } from './tslab_internals';

/** The `is_complete_reply` content. */
export type IsCompleteReply = { status: 'complete' } | { status: 'invalid' } | { status: 'incomplete'; indent: string };

/** Diagnostic codes that adding lines can fix although they do not sit at the end: TS1160 "Unterminated template literal.", TS1010 "'*\/' expected.". */
const OPEN_AT_END = new Set([1160, 1010]);

/**
 * Diagnostic codes of TypeScript's "… expected." parse errors (TypeScript 5.9, as pinned by tslab): at the end of
 * the cell, more lines can supply what is missing. E.g. TS1005 "'{0}' expected.", TS1109 "Expression expected.",
 * TS1128 "Declaration or statement expected.", TS1135 "Argument expression expected.". Codes, not texts: the
 * messages are localised.
 */
const EXPECTED = new Set([
  1003, 1005, 1010, 1068, 1109, 1110, 1124, 1125, 1128, 1129, 1130, 1131, 1132, 1134, 1135, 1136, 1137, 1138, 1139, 1140, 1141, 1144, 1145,
  1146, 1177, 1178, 1179, 1180, 1181, 1327, 1472, 1478, 1496, 1505,
]);

/** Classifies `code` from TypeScript's parse diagnostics. */
export function isComplete(code: string): IsCompleteReply {
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: { start: number; code: number }[] }).parseDiagnostics;
  if (diagnostics.length === 0) return { status: 'complete' };
  const end = code.trimEnd().length;
  const fixableByMoreLines = diagnostics.every((d) => OPEN_AT_END.has(d.code) || (d.start >= end && EXPECTED.has(d.code)));
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
