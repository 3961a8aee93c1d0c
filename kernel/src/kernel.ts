/**
 * Assembles the kernel: the IOPub socket, the shell/stdin and control workers, the shell dispatch,
 * the protocol with its request handlers (request_handlers.ts), output capture, stdin, comms, and the
 * deferred start of tslab and the preload. Loading them blocks the event loop for
 * about two seconds, so they start once a client is connected (its first `kernel_info_reply` sent
 * and its IOPub subscription welcomed: what jupyter_client's wait_for_ready and Jupyter Server's
 * nudge wait for), and cells wait for the preload.
 */
import { randomUUID } from 'crypto';
import type { XPublisher } from 'zeromq';
import { CellRunner } from './cell_runner';
import { KernelComms } from './comms';
import { type ConnectionInfo, endpoint } from './connection';
import { startControlChannel } from './control_channel';
import { createDisplaySink, tslabDisplayWriter } from './display';
import { ExecuteHandler } from './execute';
import { History } from './history';
import { InputSlot } from './input_slot';
import { Iopub } from './iopub';
import { kernelLog } from './log';
import { OutputParent } from './output_parent';
import { libraryFolders, preload, resolvePreloadPaths } from './preload';
import { type Channel, Protocol } from './protocol';
import { requestHandlers } from './request_handlers';
import { type ShellArrival, startShellChannel } from './shell_channel';
import { ShellDispatch } from './shell_dispatch';
import { Stdin } from './stdin';
import { setTslabDisplayWriter } from './tslab_internals';
import { typecheckMode } from './typecheck_mode';
import { createMessage, decode, encode, type Message, WireError } from './wire';

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
  await iopubSocket.bind(endpoint(connection, connection.iopub_port));
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

  const outputParent = new OutputParent();
  captureOutput(iopub, () => outputParent.current());
  const publish = (msgType: string, content: Record<string, unknown>) => iopub.publish(msgType, content, outputParent.current());
  const sink = createDisplaySink(publish);

  const flag = new Int32Array(new SharedArrayBuffer(4));
  const inputSlot = new InputSlot(InputSlot.allocate());
  const protocolRef: { protocol?: Protocol } = {};
  const control = startControlChannel(connection, session, flag, inputSlot.memory, (frames) => {
    const request = decodeOrLog(connection.key, frames, 'control');
    if (request) void protocolRef.protocol!.handle('control', request).catch((e: Error) => kernelLog(`control message failed: ${e.stack}`));
  });
  // Arrival numbers of shell messages (for stop_on_error).
  const arrivals = new WeakMap<Message, number>();
  const dispatch = new ShellDispatch((request) => protocolRef.protocol!.handle('shell', request));
  const shellChannel = startShellChannel(connection, session, inputSlot.memory, (arrival: ShellArrival) => {
    const request = decodeOrLog(connection.key, arrival.frames, 'shell');
    if (!request) return;
    arrivals.set(request, arrival.received);
    dispatch.dispatch(request);
  });

  // The running cell's AbortSignal (aborted on interrupt), once the runner exists.
  let cellSignalNow: () => AbortSignal | undefined = () => undefined;
  const stdin = new Stdin({
    key: connection.key,
    session,
    slot: inputSlot,
    send: (frames) => shellChannel.sendInput(frames),
    runningExecute: () => dispatch.runningExecute(),
    flushOutput: () => iopub.drained(),
    watchInterrupt: () => {
      const signal = cellSignalNow();
      return () => Atomics.load(flag, 0) !== 0 || signal?.aborted === true;
    },
  });
  // prompt() and confirm() as globals, as in browsers and Deno.
  Object.assign(globalThis, stdin.globals());
  const comms = new KernelComms({
    parent: outputParent,
    publish: (msgType, content, parent, metadata, buffers) => iopub.publish(msgType, content, parent, metadata, buffers),
    reportToCell: (text) => {
      const running = dispatch.runningExecute();
      if (running) iopub.stream('stderr', text, running);
    },
  });

  let startupError: string | undefined;
  const runnerReady = started.then(async () => {
    const paths = resolvePreloadPaths();
    const runner = new CellRunner(process.cwd(), flag, { typecheck, libraries: libraryFolders(paths) });
    setTslabDisplayWriter(tslabDisplayWriter(sink));
    startupError = await preload(runner, paths, sink);
    if (startupError) kernelLog(startupError);
    else connectDeconvlab(require(paths.deconv) as typeof import('deconvlab'));
    cellSignalNow = () => runner.interrupts.cellSignal();
    return runner;
  });

  const history = new History();
  const execute = new ExecuteHandler({
    iopub,
    history,
    runner: () => runnerReady,
    setOutputParent: (request) => outputParent.setExecute(request),
    takeStartupError: () => {
      const error = startupError;
      startupError = undefined;
      return error;
    },
    receivedSoFar: () => shellChannel.receivedSoFar(),
  });
  // deconvlab's comm and input seams (its display and cell-signal seams are set by the preload).
  const connectDeconvlab = (deconv: typeof import('deconvlab')) => {
    comms.connect(deconv.setCommTransport(comms.transport()));
    deconv.setInputProvider((message, options) =>
      stdin.read(`deconv.input(${JSON.stringify(message)})`, message, options.password === true),
    );
  };

  const kernel: Kernel = {
    shutdown: async () => {
      await Promise.race([iopub.drained(), new Promise((r) => setTimeout(r, 500))]);
      await Promise.all([control.close(), shellChannel.close()]);
      iopubSocket.close();
      // Exiting also ends tslab's TypeScript watchers and tfjs; a runner still starting is not waited for.
      process.exit(0);
    },
  };

  const handlers = requestHandlers({
    clientAskedKernelInfo: () => {
      connected.kernelInfo = true;
      startWhenConnected();
    },
    execute,
    arrivalOf: (request) => arrivals.get(request) ?? 0,
    runner: runnerReady,
    history,
    comms,
    shutdownSoon: () => void kernel.shutdown(),
  });
  protocolRef.protocol = new Protocol(handlers, {
    reply: (channel: Channel, request, msgType, content) => {
      const frames = encode(connection.key, createMessage(session, msgType, content, request));
      if (channel === 'shell') shellChannel.send(frames);
      else control.send(frames);
    },
    status: (state, parent) => {
      iopub.publish('status', { execution_state: state }, parent);
      // A request handled while a cell runs must not leave the front end showing the kernel idle.
      const running = dispatch.runningExecute();
      if (state === 'idle' && running && running !== parent) iopub.publish('status', { execution_state: 'busy' }, running);
    },
  });

  process.on('SIGINT', () => void runnerReady.then((runner) => runner.interrupts.request()));
  // Errors thrown later by a cell's timers or unawaited promises: shown in the current cell, never fatal.
  const reportLate = (what: string) => (e: unknown) =>
    iopub.stream('stderr', `${what}: ${(e as Error)?.stack ?? String(e)}\n`, outputParent.current());
  process.on('uncaughtException', reportLate('Uncaught exception'));
  process.on('unhandledRejection', reportLate('Unhandled promise rejection'));
  return kernel;
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
