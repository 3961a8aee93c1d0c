"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The control and heartbeat channels, on a worker thread so that they answer while a cell keeps
 * the main thread busy: `interrupt_request` sets the shared interrupt flag at once (the guards in
 * cell code throw on it), the heartbeat keeps echoing, SIGINT is watched here as well, and the
 * kernel exits if the process that started it dies. Other control requests go to the main thread.
 */
const worker_threads_1 = require("worker_threads");
const os_1 = require("os");
const connection_1 = require("./connection");
const wire_1 = require("./wire");
const socket_sender_1 = require("./socket_sender");
const log_1 = require("./log");
/** How long after a shutdown request the worker ends the process itself if the main thread has not. */
const SHUTDOWN_DEADLINE_MS = 4000;
const PARENT_POLL_MS = 1000;
async function main() {
    const { connection, session, flag } = worker_threads_1.workerData;
    const zmq = await Promise.resolve().then(() => __importStar(require('zeromq')));
    const control = new zmq.Router();
    const heartbeat = new zmq.Reply();
    await Promise.all([control.bind((0, connection_1.endpoint)(connection, connection.control_port)), heartbeat.bind((0, connection_1.endpoint)(connection, connection.hb_port))]);
    const sender = new socket_sender_1.SocketSender(control);
    const port = worker_threads_1.parentPort;
    port.on('message', (message) => {
        if (message.type === 'send') {
            sender.send(message.frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
            return;
        }
        // Closing zeromq sockets before the thread ends: a worker torn down with open sockets aborts the process.
        void sender.drained().then(() => {
            control.close();
            heartbeat.close();
            const closed = { type: 'closed' };
            port.postMessage(closed);
        });
    });
    void (async () => {
        for await (const frames of heartbeat)
            await heartbeat.send(frames);
    })().catch(() => undefined);
    watchSigint(flag);
    watchParent();
    for await (const frames of control) {
        try {
            const request = (0, wire_1.decode)(connection.key, frames);
            const msgType = request.header.msg_type;
            if (msgType === 'interrupt_request' || msgType === 'shutdown_request') {
                // Set before anything else: a busy main thread reads it in its loop guards.
                Atomics.store(flag, 0, 1);
            }
            if (msgType === 'interrupt_request') {
                sender.send((0, wire_1.encode)(connection.key, (0, wire_1.createMessage)(session, 'interrupt_reply', { status: 'ok' }, request)));
            }
            if (msgType === 'shutdown_request') {
                setTimeout(() => process.kill(process.pid, 'SIGKILL'), SHUTDOWN_DEADLINE_MS).unref();
            }
            const forward = { type: 'request', frames };
            port.postMessage(forward);
        }
        catch (e) {
            (0, log_1.kernelLog)(e instanceof wire_1.WireError ? `dropped control message: ${e.message}` : `control message failed: ${e.stack}`);
        }
    }
}
/**
 * Sets the interrupt flag on SIGINT. JavaScript signal listeners run on their thread's event
 * loop, which a busy cell blocks on the main thread; libuv delivers a signal to every loop that
 * watches it, so this worker sees it. Node offers no public signal API in workers, hence the
 * (deprecated, still shipped) signal_wrap binding, used exactly as Node's own `process.on` does.
 */
function watchSigint(flag) {
    try {
        process.noDeprecation = true;
        const { Signal } = process.binding('signal_wrap');
        const wrap = new Signal();
        wrap.unref();
        wrap.onsignal = () => Atomics.store(flag, 0, 1);
        if (wrap.start(os_1.constants.signals.SIGINT) !== 0)
            (0, log_1.kernelLog)('cannot watch SIGINT on the control thread; SIGINT reaches busy cells only through vm breakOnSigint');
    }
    catch (e) {
        (0, log_1.kernelLog)(`cannot watch SIGINT on the control thread (${e.message}); use interrupt_request`);
    }
}
/** Ends the kernel when the Jupyter process that started it is gone (JPY_PARENT_PID), so no kernel is orphaned. */
function watchParent() {
    const parent = Number(process.env.JPY_PARENT_PID);
    if (!Number.isInteger(parent) || parent <= 1)
        return;
    setInterval(() => {
        try {
            process.kill(parent, 0);
        }
        catch {
            (0, log_1.kernelLog)(`parent process ${parent} is gone; exiting`);
            process.kill(process.pid, 'SIGKILL');
        }
    }, PARENT_POLL_MS).unref();
}
main().catch((e) => {
    (0, log_1.kernelLog)(`control worker failed: ${e.stack}`);
    process.kill(process.pid, 'SIGTERM');
});
