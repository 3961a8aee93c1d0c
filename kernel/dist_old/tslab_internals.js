"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.setTslabDisplayWriter = exports.printQuickInfo = exports.createExecutor = exports.createConverter = exports.typescriptVersion = exports.typescript = exports.DIAGNOSTIC_FORMAT = void 0;
/** The format string tslab's executor uses when it prints one diagnostic. */
exports.DIAGNOSTIC_FORMAT = '%s%d:%d - %s';
/** Resolves one of tslab's dependencies from tslab's own folder (the copy tslab itself uses). */
function resolveFromTslab(request) {
    return require.resolve(request, { paths: [require.resolve('tslab/package.json')] });
}
/** TypeScript as bundled with tslab (the converter has loaded it: no extra cost). */
function typescript() {
    return require(resolveFromTslab('@tslab/typescript-for-tslab'));
}
exports.typescript = typescript;
/** The version of tslab's TypeScript, read without loading the compiler. */
function typescriptVersion() {
    return require(resolveFromTslab('@tslab/typescript-for-tslab/package.json')).version;
}
exports.typescriptVersion = typescriptVersion;
/** Creates tslab's converter for Node.js cells rooted at the current directory (takes ~0.8 s: it builds a TS program). */
function createConverter(options) {
    const { createConverter: create } = require('tslab/dist/converter');
    return create({ isJS: false, isBrowser: options.isBrowser });
}
exports.createConverter = createConverter;
/** Creates tslab's executor; `require` inside cells resolves from `rootDir`. */
function createExecutor(rootDir, converters, console) {
    runCellsWithoutBreakOnSigint();
    const { createExecutor: create } = require('tslab/dist/executor');
    return create(rootDir, converters, console);
}
exports.createExecutor = createExecutor;
/** The wrapper tslab's executor puts around each cell's JavaScript before `vm.runInThisContext`. */
const TSLAB_CELL = /^\((async )?function\(exports, require\) \{ [\s\S]*\}\)\(__tslab__\.exports, __tslab__\.require\)$/;
let breakOnSigintRemoved = false;
/**
 * tslab runs each cell with `vm.runInThisContext(code, {breakOnSigint: true})`. For that run Node
 * removes and re-adds every SIGINT listener; with the control thread also watching SIGINT, libuv
 * then never reinstalls its handler and the next SIGINT kills the kernel. The interrupt guards
 * (interrupt.ts) stop busy cells instead, so tslab's cell runs, and only those, drop the option.
 */
function runCellsWithoutBreakOnSigint() {
    if (breakOnSigintRemoved)
        return;
    breakOnSigintRemoved = true;
    const vm = require('vm');
    const run = vm.runInThisContext;
    vm.runInThisContext = function (code, options) {
        const cell = typeof options === 'object' && options.breakOnSigint && TSLAB_CELL.test(code);
        return run.call(this, code, cell ? { ...options, breakOnSigint: false } : options);
    };
}
/** Formats a quick-info result the way tslab's own inspect reply does. */
function printQuickInfo(info) {
    const { printQuickInfo: print } = require('tslab/dist/inspect');
    return print(info);
}
exports.printQuickInfo = printQuickInfo;
/** Routes tslab's public `display` API (`import * as tslab from "tslab"`) to `writer`. */
function setTslabDisplayWriter(writer) {
    // tslab's public display reads this module-level variable of tslab/dist/jupyter at each call.
    require('tslab/dist/jupyter').lastWriteDisplayData = writer;
}
exports.setTslabDisplayWriter = setTslabDisplayWriter;
