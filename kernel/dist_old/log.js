"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.kernelLog = void 0;
/** The kernel's own log: straight to file descriptor 2 (the Jupyter server's log), never into a cell's output. */
const fs_1 = require("fs");
/** Writes one line to the kernel log. */
function kernelLog(message) {
    try {
        (0, fs_1.writeSync)(2, `[deconvlab kernel] ${message}\n`);
    }
    catch {
        // stderr closed: nowhere left to report to.
    }
}
exports.kernelLog = kernelLog;
