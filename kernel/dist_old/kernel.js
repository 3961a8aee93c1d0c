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
exports.startKernel = void 0;
/**
 * Assembles the kernel: sockets, the protocol's request handlers, output capture, the control
 * worker, and the deferred start of tslab and the preload. Loading them blocks the event loop for
 * about two seconds, so they start once a client is connected (its first `kernel_info_reply` sent
 * and its IOPub subscription welcomed: what jupyter_client's wait_for_ready and Jupyter Server's
 * nudge wait for), and cells wait for the preload.
 */
const crypto_1 = require("crypto");
const connection_1 = require("./connection");
const wire_1 = require("./wire");
const protocol_1 = require("./protocol");
const iopub_1 = require("./iopub");
const socket_sender_1 = require("./socket_sender");
const control_channel_1 = require("./control_channel");
const cell_runner_1 = require("./cell_runner");
const execute_1 = require("./execute");
const history_1 = require("./history");
const is_complete_1 = require("./is_complete");
const kernel_info_1 = require("./kernel_info");
const display_1 = require("./display");
const preload_1 = require("./preload");
const tslab_internals_1 = require("./tslab_internals");
const log_1 = require("./log");
/** If no client connects, tslab and the preload start after this delay anyway. */
const START_DELAY_MS = 1000;
/** Delay after a client connected, so its readiness check reads our IOPub messages before the event loop blocks. */
const CONNECTED_START_DELAY_MS = 20;
/** Binds the sockets and serves until shutdown. */
async function startKernel(connection) {
    const session = (0, crypto_1.randomUUID)();
    const zmq = await Promise.resolve().then(() => __importStar(require('zeromq')));
    const iopubSocket = new zmq.XPublisher();
    const shell = new zmq.Router();
    const stdin = new zmq.Router();
    await Promise.all([
        iopubSocket.bind((0, connection_1.endpoint)(connection, connection.iopub_port)),
        shell.bind((0, connection_1.endpoint)(connection, connection.shell_port)),
        stdin.bind((0, connection_1.endpoint)(connection, connection.stdin_port)),
    ]);
    const iopub = new iopub_1.Iopub(iopubSocket, connection.key, session);
    let startRunner;
    const started = new Promise((resolve) => (startRunner = resolve));
    setTimeout(() => startRunner(), START_DELAY_MS);
    const connected = { kernelInfo: false, iopub: false };
    const startWhenConnected = () => {
        if (connected.kernelInfo && connected.iopub)
            setTimeout(() => startRunner(), CONNECTED_START_DELAY_MS);
    };
    void iopub
        .welcomeSubscribers(() => {
        connected.iopub = true;
        startWhenConnected();
    })
        .catch((e) => (0, log_1.kernelLog)(`iopub: ${e.message}`));
    const shellSender = new socket_sender_1.SocketSender(shell);
    let outputParent;
    captureOutput(iopub, () => outputParent);
    const publish = (msgType, content) => iopub.publish(msgType, content, outputParent);
    const sink = (0, display_1.createDisplaySink)(publish);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const protocolRef = {};
    const control = (0, control_channel_1.startControlChannel)(connection, session, flag, (frames) => {
        const request = decodeOrLog(connection.key, frames, 'control');
        if (request)
            void protocolRef.protocol.handle('control', request).catch((e) => (0, log_1.kernelLog)(`control message failed: ${e.stack}`));
    });
    let startupError;
    const runnerReady = started.then(async () => {
        const runner = new cell_runner_1.CellRunner(process.cwd(), flag);
        (0, tslab_internals_1.setTslabDisplayWriter)((0, display_1.tslabDisplayWriter)(sink));
        startupError = await (0, preload_1.preload)(runner, (0, preload_1.resolvePreloadPaths)(), sink);
        if (startupError)
            (0, log_1.kernelLog)(startupError);
        return runner;
    });
    const history = new history_1.History();
    const execute = new execute_1.ExecuteHandler({
        iopub,
        history,
        runner: () => runnerReady,
        setOutputParent: (request) => (outputParent = request),
        takeStartupError: () => {
            const error = startupError;
            startupError = undefined;
            return error;
        },
    });
    const kernel = {
        shutdown: async () => {
            await Promise.race([Promise.all([iopub.drained(), shellSender.drained()]), new Promise((r) => setTimeout(r, 500))]);
            await control.close();
            for (const socket of [shell, stdin, iopubSocket])
                socket.close();
            // Exiting also ends tslab's TypeScript watchers and tfjs; a runner still starting is not waited for.
            process.exit(0);
        },
    };
    const versions = (0, kernel_info_1.readVersions)();
    const handlers = new Map([
        ['kernel_info_request', () => {
                connected.kernelInfo = true;
                startWhenConnected();
                return (0, kernel_info_1.kernelInfo)(versions);
            }],
        ['execute_request', (request) => execute.handle(request)],
        ['is_complete_request', (request) => (0, is_complete_1.isComplete)(String(request.content.code ?? ''))],
        ['complete_request', async (request) => {
                const code = String(request.content.code ?? '');
                const info = (await runnerReady).complete(code, Number(request.content.cursor_pos ?? code.length));
                return { status: 'ok', matches: info.candidates, cursor_start: info.start, cursor_end: info.end, metadata: {} };
            }],
        ['inspect_request', async (request) => {
                const code = String(request.content.code ?? '');
                const info = (await runnerReady).inspect(code, Number(request.content.cursor_pos ?? code.length));
                return info ? { status: 'ok', found: true, data: { 'text/plain': (0, tslab_internals_1.printQuickInfo)(info) }, metadata: {} } : { status: 'ok', found: false, data: {}, metadata: {} };
            }],
        ['history_request', (request) => ({ status: 'ok', history: history.query(request.content) })],
        ['comm_info_request', () => ({ status: 'ok', comms: {} })],
        ['comm_open', (request) => {
                // No comm targets are registered: close the comm, as the protocol asks.
                publish('comm_close', { comm_id: request.content.comm_id, data: {} });
                return undefined;
            }],
        ['comm_msg', () => undefined],
        ['comm_close', () => undefined],
        // The control worker already replied and set the flag; this acts on it if the main thread was free.
        ['interrupt_request', () => {
                void runnerReady.then((runner) => runner.interrupts.interruptPending());
                return undefined;
            }],
        ['shutdown_request', (request) => {
                setImmediate(() => void kernel.shutdown());
                return { status: 'ok', restart: request.content.restart === true };
            }],
    ]);
    protocolRef.protocol = new protocol_1.Protocol(handlers, {
        reply: (channel, request, msgType, content) => {
            const frames = (0, wire_1.encode)(connection.key, (0, wire_1.createMessage)(session, msgType, content, request));
            if (channel === 'shell')
                shellSender.send(frames);
            else
                control.send(frames);
        },
        status: (state, parent) => iopub.publish('status', { execution_state: state }, parent),
    });
    process.on('SIGINT', () => void runnerReady.then((runner) => runner.interrupts.request()));
    // Errors thrown later by a cell's timers or unawaited promises: shown in the current cell, never fatal.
    const reportLate = (what) => (e) => iopub.stream('stderr', `${what}: ${e?.stack ?? String(e)}\n`, outputParent);
    process.on('uncaughtException', reportLate('Uncaught exception'));
    process.on('unhandledRejection', reportLate('Unhandled promise rejection'));
    void serveShell(shell, connection.key, protocolRef.protocol);
    return kernel;
}
exports.startKernel = startKernel;
async function serveShell(shell, key, protocol) {
    for await (const frames of shell) {
        const request = decodeOrLog(key, frames, 'shell');
        // Protocol.handle catches handler errors; this also keeps the loop alive if publishing itself fails.
        if (request)
            await protocol.handle('shell', request).catch((e) => (0, log_1.kernelLog)(`shell message failed: ${e.stack}`));
    }
}
function decodeOrLog(key, frames, channel) {
    try {
        return (0, wire_1.decode)(key, frames);
    }
    catch (e) {
        (0, log_1.kernelLog)(e instanceof wire_1.WireError ? `dropped ${channel} message: ${e.message}` : `bad ${channel} message: ${e.message}`);
        return undefined;
    }
}
/** Sends whatever the process writes to stdout/stderr to the current cell as `stream` messages. */
function captureOutput(iopub, parent) {
    for (const name of ['stdout', 'stderr']) {
        const stream = process[name];
        stream.write = ((chunk, encoding, callback) => {
            const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
            iopub.stream(name, text, parent());
            const done = typeof encoding === 'function' ? encoding : callback;
            if (done)
                process.nextTick(done);
            return true;
        });
    }
}
