"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.preload = exports.preloadSource = exports.resolvePreloadPaths = void 0;
/**
 * The hidden first cell: `tf` (tfjs-node) and `deconv` (deconvlab) imported by absolute path, so
 * they resolve (with their types, for completion and checking) whatever the notebook's folder,
 * and the display sink registered. It takes no execution count and prints nothing.
 */
const path_1 = require("path");
/** Finds both packages from the kernel's own location (the checkout's node_modules). */
function resolvePreloadPaths() {
    return {
        tf: (0, path_1.dirname)(require.resolve('@tensorflow/tfjs-node/package.json')),
        deconv: (0, path_1.dirname)(require.resolve('deconvlab/package.json')),
    };
}
exports.resolvePreloadPaths = resolvePreloadPaths;
/** The TypeScript of the hidden cell. */
function preloadSource(paths) {
    return `import * as tf from ${JSON.stringify(paths.tf)};\nimport * as deconv from ${JSON.stringify(paths.deconv)};\n`;
}
exports.preloadSource = preloadSource;
/** Runs the hidden cell and registers `sink` and the cells' interrupt signal; returns an error text for the first cell when it fails. */
async function preload(runner, paths, sink) {
    const outcome = await runner.run(preloadSource(paths));
    if (!outcome.ok) {
        return `deconvlab kernel: preloading tf and deconv failed (run \`npm run setup\` to build deconvlab):\n${outcome.error.traceback.join('\n')}\n`;
    }
    // The same module instance the cells got: require caches by resolved path.
    const deconv = require(paths.deconv);
    deconv.setDisplaySink(sink);
    deconv.setCellSignalProvider(() => runner.interrupts.cellSignal());
    return undefined;
}
exports.preload = preload;
