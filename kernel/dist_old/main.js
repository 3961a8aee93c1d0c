"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectionFileArgument = void 0;
/** The kernel launcher, as the kernelspec's argv runs it: `node main.js --connection-file <path>`. */
// Before tfjs-node loads (the preload), so TensorFlow's C++ start-up logs stay out of the first cell.
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
const connection_1 = require("./connection");
const kernel_1 = require("./kernel");
const log_1 = require("./log");
/** The connection file path from `--connection-file <path>`, `--connection-file=<path>` or the only positional argument. */
function connectionFileArgument(argv) {
    const at = argv.indexOf('--connection-file');
    if (at >= 0 && argv[at + 1])
        return argv[at + 1];
    const inline = argv.find((arg) => arg.startsWith('--connection-file='));
    if (inline)
        return inline.slice('--connection-file='.length);
    const positional = argv.filter((arg) => !arg.startsWith('-'));
    if (positional.length === 1)
        return positional[0];
    throw new Error(`usage: node kernel/dist/main.js --connection-file <path>; got arguments ${JSON.stringify(argv)}`);
}
exports.connectionFileArgument = connectionFileArgument;
if (require.main === module) {
    (0, kernel_1.startKernel)((0, connection_1.readConnectionFile)(connectionFileArgument(process.argv.slice(2)))).catch((e) => {
        (0, log_1.kernelLog)(`failed to start: ${e.stack}`);
        process.exit(1);
    });
}
