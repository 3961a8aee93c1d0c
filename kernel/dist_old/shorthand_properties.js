"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.expandShorthandProperties = void 0;
const tslab_internals_1 = require("./tslab_internals");
/** Returns `src` with every shorthand property assignment written as `name: name` (or `name: name = init` in destructuring). */
function expandShorthandProperties(src) {
    if (!src.includes('{'))
        return src;
    const ts = (0, tslab_internals_1.typescript)();
    const file = ts.createSourceFile('cell.ts', src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const ends = [];
    const visit = (node) => {
        if (ts.isShorthandPropertyAssignment(node))
            ends.push({ at: node.name.end, name: node.name.text });
        ts.forEachChild(node, visit);
    };
    visit(file);
    let out = src;
    for (const { at, name } of ends.sort((a, b) => b.at - a.at))
        out = `${out.slice(0, at)}: ${name}${out.slice(at)}`;
    return out;
}
exports.expandShorthandProperties = expandShorthandProperties;
