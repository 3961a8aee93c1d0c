"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kernelInfo = exports.readVersions = void 0;
/** The `kernel_info_reply` content (built without loading TypeScript, so it is ready at once). */
const wire_1 = require("./wire");
const tslab_internals_1 = require("./tslab_internals");
/** Reads the versions from the packages' package.json files. */
function readVersions() {
    return {
        kernel: require('../package.json').version,
        tslab: require('tslab/package.json').version,
        typescript: (0, tslab_internals_1.typescriptVersion)(),
    };
}
exports.readVersions = readVersions;
/** The reply content. */
function kernelInfo(versions) {
    return {
        status: 'ok',
        protocol_version: wire_1.PROTOCOL_VERSION,
        implementation: 'deconvlab',
        implementation_version: versions.kernel,
        language_info: {
            name: 'typescript',
            version: versions.typescript,
            mimetype: 'text/typescript',
            file_extension: '.ts',
            pygments_lexer: 'typescript',
            // tslab's setting: TypeScript highlighting in both JupyterLab and Notebook.
            codemirror_mode: { name: 'javascript', mode: 'typescript', typescript: true },
        },
        banner: `TypeScript ${versions.typescript} (deconvlab kernel ${versions.kernel} on tslab ${versions.tslab}, Node.js ${process.version}); tf and deconv are preloaded`,
        debugger: false,
        help_links: [],
    };
}
exports.kernelInfo = kernelInfo;
