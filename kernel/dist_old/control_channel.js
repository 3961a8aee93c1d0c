"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startControlChannel = void 0;
/** The main thread's side of the control worker: starts it and exchanges control messages with it. */
const path_1 = require("path");
const worker_threads_1 = require("worker_threads");
const log_1 = require("./log");
/** How long the worker may take to close its sockets on shutdown. */
const CLOSE_TIMEOUT_MS = 1000;
/** Starts the worker; `onRequest` receives each verified control message's frames. */
function startControlChannel(connection, session, flag, onRequest) {
    const data = { connection, session, flag };
    // Piped by default into the main thread's process.stdout, which feeds cells; the worker's output belongs in the log.
    const worker = new worker_threads_1.Worker((0, path_1.join)(__dirname, 'control_worker.js'), { workerData: data, stdout: true, stderr: true });
    worker.stdout.on('data', (chunk) => (0, log_1.kernelLog)(`control worker: ${chunk.toString().trimEnd()}`));
    worker.stderr.on('data', (chunk) => (0, log_1.kernelLog)(`control worker: ${chunk.toString().trimEnd()}`));
    let closed = () => undefined;
    worker.on('message', (message) => {
        if (message.type === 'closed')
            closed();
        else
            onRequest(message.frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
    });
    worker.on('error', (e) => (0, log_1.kernelLog)(`control worker error: ${e.stack}`));
    worker.unref();
    return {
        send: (frames) => {
            const message = { type: 'send', frames };
            worker.postMessage(message);
        },
        close: async () => {
            const done = new Promise((resolve) => (closed = resolve));
            const close = { type: 'close' };
            worker.postMessage(close);
            await Promise.race([done, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS))]);
            await worker.terminate();
        },
    };
}
exports.startControlChannel = startControlChannel;
