"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.endpoint = exports.readConnectionFile = void 0;
/** The connection file Jupyter hands a kernel: where to bind and how to sign. */
const fs_1 = require("fs");
/** Reads and checks a connection file; throws with the file's path and the problem. */
function readConnectionFile(path) {
    const info = JSON.parse((0, fs_1.readFileSync)(path, 'utf8'));
    const scheme = info.signature_scheme ?? 'hmac-sha256';
    if (info.key !== '' && scheme !== 'hmac-sha256') {
        throw new Error(`connection file ${path}: signature_scheme is ${JSON.stringify(scheme)}; this kernel signs with hmac-sha256 only`);
    }
    for (const port of ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port']) {
        if (info.transport === 'tcp' && !(Number.isInteger(info[port]) && info[port] > 0)) {
            throw new Error(`connection file ${path}: ${port} is ${JSON.stringify(info[port])}; expected a positive port number`);
        }
    }
    return info;
}
exports.readConnectionFile = readConnectionFile;
/** The ZeroMQ endpoint of one channel (for ipc, Jupyter's `<ip>-<port>` file naming). */
function endpoint(info, port) {
    return info.transport === 'ipc' ? `ipc://${info.ip}-${port}` : `tcp://${info.ip}:${port}`;
}
exports.endpoint = endpoint;
