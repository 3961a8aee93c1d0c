"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isComplete = void 0;
/**
 * `is_complete_request`: whether a cell is ready to run (`complete`), needs more lines
 * (`incomplete`: open brackets, an open template literal or block comment, a trailing operator)
 * or can never be completed by adding lines (`invalid`: e.g. `let = 7q`, `}}`).
 */
const tslab_internals_1 = require("./tslab_internals");
/** Diagnostics that adding lines can fix although they do not sit at the end. */
const OPEN_AT_END = new Set(['Unterminated template literal.', "'*/' expected."]);
/** Classifies `code` from TypeScript's parse diagnostics. */
function isComplete(code) {
    const ts = (0, tslab_internals_1.typescript)();
    const file = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const diagnostics = file.parseDiagnostics;
    if (diagnostics.length === 0)
        return { status: 'complete' };
    const end = code.trimEnd().length;
    const fixableByMoreLines = diagnostics.every((d) => {
        const text = String(d.messageText);
        return OPEN_AT_END.has(text) || (d.start >= end && text.endsWith(' expected.'));
    });
    if (!fixableByMoreLines)
        return { status: 'invalid' };
    // As in IPython and tslab, a trailing empty line submits what was typed.
    if (/\n[ \t]*\n[ \t]*$/.test(code))
        return { status: 'complete' };
    return { status: 'incomplete', indent: nextIndent(code) };
}
exports.isComplete = isComplete;
function nextIndent(code) {
    const lastLine = code.slice(code.lastIndexOf('\n') + 1);
    const indent = /^[ \t]*/.exec(lastLine)?.[0] ?? '';
    return /[{([]\s*$/.test(lastLine) ? `${indent}  ` : indent;
}
