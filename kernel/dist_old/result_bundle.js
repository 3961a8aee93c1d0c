"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resultBundle = void 0;
/**
 * A cell's last value as a MIME bundle. deconvlab's `toMimeBundle` decides (the value's own
 * `[Symbol.for("Jupyter.display")]()` bundle, as in Deno's kernel; a tensor summary; inspect text),
 * except that a string result keeps its quotes, as REPLs show values.
 */
const util_1 = require("util");
/** The bundle shown for `value`. */
function resultBundle(value) {
    if (typeof value === 'string')
        return { 'text/plain': (0, util_1.inspect)(value) };
    return deconvlab()?.toMimeBundle?.(value) ?? { 'text/plain': (0, util_1.inspect)(value, { depth: 4 }) };
}
exports.resultBundle = resultBundle;
/** deconvlab, already loaded by the preload (undefined if it failed to load: plain text then). */
function deconvlab() {
    try {
        return require('deconvlab');
    }
    catch {
        return undefined;
    }
}
