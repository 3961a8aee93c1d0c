"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.insertLoopGuards = void 0;
const interrupt_1 = require("./interrupt");
const tslab_internals_1 = require("./tslab_internals");
const SYNC_GUARD = `if (Atomics.load(${interrupt_1.GUARD_GLOBAL}.flag, 0) !== 0) ${interrupt_1.GUARD_GLOBAL}.hit();`;
const ASYNC_GUARD = `${interrupt_1.GUARD_GLOBAL}.check();`;
/** Returns `js` with guards inserted; `topLevelAsync` says whether the cell's top level runs inside an async wrapper. */
function insertLoopGuards(js, topLevelAsync) {
    const ts = (0, tslab_internals_1.typescript)();
    const file = ts.createSourceFile('cell.js', js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const insertions = [];
    const guardBlock = (body, inAsync) => {
        const guard = inAsync ? ASYNC_GUARD : SYNC_GUARD;
        if (ts.isBlock(body)) {
            let prologue = 0;
            while (prologue < body.statements.length && isDirective(ts, body.statements[prologue]))
                prologue++;
            const after = prologue > 0 ? body.statements[prologue - 1].end : body.getStart(file) + 1;
            insertions.push({ at: after, text: ` ${guard}` });
        }
        else if (!ts.isExpression(body)) {
            insertions.push({ at: body.getStart(file), text: `{ ${guard} ` }, { at: body.end, text: ' }' });
        }
    };
    const visit = (node, inAsync) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
            const isAsync = ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
            guardBlock(node.body, isAsync);
            ts.forEachChild(node, (child) => visit(child, isAsync));
            return;
        }
        if (ts.isIterationStatement(node, false))
            guardBlock(node.statement, inAsync);
        ts.forEachChild(node, (child) => visit(child, inAsync));
    };
    ts.forEachChild(file, (child) => visit(child, topLevelAsync));
    insertions.sort((a, b) => b.at - a.at);
    let out = js;
    for (const { at, text } of insertions)
        out = out.slice(0, at) + text + out.slice(at);
    return out;
}
exports.insertLoopGuards = insertLoopGuards;
function isDirective(ts, statement) {
    return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}
