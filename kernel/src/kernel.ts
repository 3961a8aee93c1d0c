/**
 * Assembles the kernel: sockets, the protocol's request handlers, output capture, the control
 * worker, and the deferred start of tslab and the preload. Loading them blocks the event loop for
 * about two seconds, so they start once a client is connected (its first `kernel_info_reply` sent
 * and its IOPub subscription welcomed: what jupyter_client's wait_for_ready and Jupyter Server's
 * nudge wait for), and cells wait for the preload.
 */
import { randomUUID } from 'crypto';
import type { Router, XPublisher } from 'zeromq';
import { endpoint, type ConnectionInfo } from './connection';
import { createMessage, decode, encode, WireError, type Message } from './wire';
import { Protocol, type Channel, type RequestHandler } from './protocol';
import { Iopub } from './iopub';
import { SocketSender } from './socket_sender';
import { startControlChannel } from './control_channel';
import { CellRunner } from './cell_runner';
import { ExecuteHandler } from './execute';
import { History, type HistoryQuery } from './history';
import { isComplete } from './is_complete';
import { kernelInfo, readVersions } from './kernel_info';
import { createDisplaySink, tslabDisplayWriter } from './display';
import { libraryFolders, preload, resolvePreloadPaths } from './preload';
import { typecheckMode } from './typecheck_mode';
import { setTslabDisplayWriter } from './tslab_internals';
import { kernelLog } from './log';

/** If no client connects, tslab and the preload start after this delay anyway. */
const START_DELAY_MS = 1000;
/** Delay after a client connected, so its readiness check reads our IOPub messages before the event loop blocks. */
const CONNECTED_START_DELAY_MS = 20;

/** A started kernel. */
export interface Kernel {
  /** Closes sockets and the worker, then exits the process. */
  shutdown(): Promise<never>;
}

/** Binds the sockets and serves until shutdown. */
export async function startKernel(connection: ConnectionInfo): Promise<Kernel> {
  const session = randomUUID();
  // A bad --typecheck / DECONVLAB_TYPECHECK stops the start with a message saying what is expected.
  const typecheck = typecheckMode(process.argv.slice(2), process.env);
  const zmq = await import('zeromq');
  const iopubSocket: XPublisher = new zmq.XPublisher();
  const shell: Router = new zmq.Router();
  const stdin: Router = new zmq.Router();
  await Promise.all([
    iopubSocket.bind(endpoint(connection, connection.iopub_port)),
    shell.bind(endpoint(connection, connection.shell_port)),
    stdin.bind(endpoint(connection, connection.stdin_port)),
  ]);
  const iopub = new Iopub(iopubSocket, connection.key, session);
  let startRunner!: () => void;
  const started = new Promise<void>((resolve) => (startRunner = resolve));
  setTimeout(() => startRunner(), START_DELAY_MS);
  const connected = { kernelInfo: false, iopub: false };
  const startWhenConnected = () => {
    if (connected.kernelInfo && connected.iopub) setTimeout(() => startRunner(), CONNECTED_START_DELAY_MS);
  };
  void iopub
    .welcomeSubscribers(() => {
      connected.iopub = true;
      startWhenConnected();
    })
    .catch((e: Error) => kernelLog(`iopub: ${e.message}`));
  const shellSender = new SocketSender(shell);

  let outputParent: Message | undefined;
  captureOutput(iopub, () => outputParent);
  const publish = (msgType: string, content: Record<string, unknown>) => iopub.publish(msgType, content, outputParent);
  const sink = createDisplaySink(publish);

  const flag = new Int32Array(new SharedArrayBuffer(4));
  const protocolRef: { protocol?: Protocol } = {};
  const control = startControlChannel(connection, session, flag, (frames) => {
    const request = decodeOrLog(connection.key, frames, 'control');
    if (request) void protocolRef.protocol!.handle('control', request).catch((e: Error) => kernelLog(`control message failed: ${e.stack}`));
  });

  let startupError: string | undefined;
  const runnerReady = started.then(async () => {
    const paths = resolvePreloadPaths();
    const runner = new CellRunner(process.cwd(), flag, { typecheck, libraries: libraryFolders(paths) });
    setTslabDisplayWriter(tslabDisplayWriter(sink));
    startupError = await preload(runner, paths, sink);
    if (startupError) kernelLog(startupError);
    return runner;
  });

  const history = new History();
  const execute = new ExecuteHandler({
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

  const kernel: Kernel = {
    shutdown: async () => {
      await Promise.race([Promise.all([iopub.drained(), shellSender.drained()]), new Promise((r) => setTimeout(r, 500))]);
      await control.close();
      for (const socket of [shell, stdin, iopubSocket]) socket.close();
      // Exiting also ends tslab's TypeScript watchers and tfjs; a runner still starting is not waited for.
      process.exit(0);
    },
  };

  const versions = readVersions();
  const handlers = new Map<string, RequestHandler>([
    ['kernel_info_request', () => {
      connected.kernelInfo = true;
      startWhenConnected();
      return kernelInfo(versions);
    }],
    ['execute_request', (request) => execute.handle(request)],
    ['is_complete_request', (request) => isComplete(String(request.content.code ?? ''))],
    ['complete_request', async (request) => {
      const code = String(request.content.code ?? '');
      const info = (await runnerReady).complete(code, Number(request.content.cursor_pos ?? code.length));
      return { status: 'ok', matches: info.candidates, cursor_start: info.start, cursor_end: info.end, metadata: {} };
    }],
    ['inspect_request', async (request) => {
      const code = String(request.content.code ?? '');
      const text = (await runnerReady).inspect(code, Number(request.content.cursor_pos ?? code.length));
      return text ? { status: 'ok', found: true, data: { 'text/plain': text }, metadata: {} } : { status: 'ok', found: false, data: {}, metadata: {} };
    }],
    ['history_request', (request) => ({ status: 'ok', history: history.query(request.content as HistoryQuery) })],
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
  protocolRef.protocol = new Protocol(handlers, {
    reply: (channel: Channel, request, msgType, content) => {
      const frames = encode(connection.key, createMessage(session, msgType, content, request));
      if (channel === 'shell') shellSender.send(frames);
      else control.send(frames);
    },
    status: (state, parent) => iopub.publish('status', { execution_state: state }, parent),
  });

  process.on('SIGINT', () => void runnerReady.then((runner) => runner.interrupts.request()));
  // Errors thrown later by a cell's timers or unawaited promises: shown in the current cell, never fatal.
  const reportLate = (what: string) => (e: unknown) => iopub.stream('stderr', `${what}: ${(e as Error)?.stack ?? String(e)}\n`, outputParent);
  process.on('uncaughtException', reportLate('Uncaught exception'));
  process.on('unhandledRejection', reportLate('Unhandled promise rejection'));
  void serveShell(shell, connection.key, protocolRef.protocol);
  return kernel;
}

async function serveShell(shell: Router, key: string, protocol: Protocol): Promise<void> {
  for await (const frames of shell) {
    const request = decodeOrLog(key, frames, 'shell');
    // Protocol.handle catches handler errors; this also keeps the loop alive if publishing itself fails.
    if (request) await protocol.handle('shell', request).catch((e: Error) => kernelLog(`shell message failed: ${e.stack}`));
  }
}

function decodeOrLog(key: string, frames: Buffer[], channel: string): Message | undefined {
  try {
    return decode(key, frames);
  } catch (e) {
    kernelLog(e instanceof WireError ? `dropped ${channel} message: ${e.message}` : `bad ${channel} message: ${(e as Error).message}`);
    return undefined;
  }
}

/** Sends whatever the process writes to stdout/stderr to the current cell as `stream` messages. */
function captureOutput(iopub: Iopub, parent: () => Message | undefined): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error) => void), callback?: (e?: Error) => void) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
      iopub.stream(name, text, parent());
      const done = typeof encoding === 'function' ? encoding : callback;
      if (done) process.nextTick(done);
      return true;
    }) as typeof stream.write;
  }
}
