"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hasTopLevelForAwait = void 0;
const tslab_internals_1 = require("./tslab_internals");
/** Whether `js` has a `for await` loop outside any function. */
function hasTopLevelForAwait(js) {
    if (!js.includes('for await'))
        return false;
    const ts = (0, tslab_internals_1.typescript)();
    const file = ts.createSourceFile('cell.js', js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const visit = (node) => {
        if (ts.isFunctionLike(node) || ts.isClassLike(node))
            return false;
        if (ts.isForOfStatement(node) && node.awaitModifier)
            return true;
        return ts.forEachChild(node, visit) ?? false;
    };
    return visit(file);
}
exports.hasTopLevelForAwait = hasTopLevelForAwait;
