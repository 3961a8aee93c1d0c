/**
 * The control and heartbeat channels, on a worker thread so that they answer while a cell keeps
 * the main thread busy: `interrupt_request` sets the shared interrupt flag at once (the guards in
 * cell code throw on it), the heartbeat keeps echoing, SIGINT is watched here as well, and the
 * kernel exits if the process that started it dies. Other control requests go to the main thread.
 */
import { constants } from 'os';
import { parentPort, workerData } from 'worker_threads';
import { type ConnectionInfo, endpoint } from './connection';
import { InputSlot } from './input_slot';
import { kernelLog } from './log';
import { SocketSender, threadSafeFrames } from './socket_sender';
import { createMessage, decode, encode, WireError } from './wire';
import { asBuffers, type WorkerClosed } from './worker_link';

/** Data the main thread passes to this worker. */
export interface ControlWorkerData {
  connection: ConnectionInfo;
  session: string;
  flag: Int32Array;
  /** The pending input request's slot (input_slot.ts): an interrupt wakes a `prompt()` waiting on it. */
  inputMemory: SharedArrayBuffer;
}

/** Messages this worker posts to the main thread. */
export type ControlToMain = { type: 'request'; frames: Uint8Array[] };

/** Messages the main thread posts to this worker: a reply to send, or close the sockets (before the worker ends). */
export type MainToControl = { type: 'send'; frames: Uint8Array[] } | { type: 'close' };

/** How long after a shutdown request the worker ends the process itself if the main thread has not. */
const SHUTDOWN_DEADLINE_MS = 4000;
const PARENT_POLL_MS = 1000;

async function main(): Promise<void> {
  const { connection, session, flag, inputMemory } = workerData as ControlWorkerData;
  const input = new InputSlot(inputMemory);
  const zmq = await import('zeromq');
  const control = new zmq.Router();
  const heartbeat = new zmq.Reply();
  await Promise.all([
    control.bind(endpoint(connection, connection.control_port)),
    heartbeat.bind(endpoint(connection, connection.hb_port)),
  ]);
  const sender = new SocketSender(control);
  const port = parentPort!;
  port.on('message', (message: MainToControl) => {
    if (message.type === 'send') {
      sender.send(asBuffers(message.frames));
      return;
    }
    // Closing zeromq sockets before the thread ends: a worker torn down with open sockets aborts the process.
    void sender.drained().then(() => {
      control.close();
      heartbeat.close();
      const closed: WorkerClosed = { type: 'closed' };
      port.postMessage(closed);
    });
  });

  void (async () => {
    for await (const frames of heartbeat) await heartbeat.send(threadSafeFrames(frames));
  })().catch(() => undefined);
  watchSigint(() => {
    Atomics.store(flag, 0, 1);
    input.cancel();
  });
  watchParent();

  for await (const frames of control) {
    try {
      const request = decode(connection.key, frames);
      const msgType = request.header.msg_type;
      if (msgType === 'interrupt_request' || msgType === 'shutdown_request') {
        // Set before anything else: a busy main thread reads it in its loop guards.
        Atomics.store(flag, 0, 1);
        input.cancel();
      }
      if (msgType === 'interrupt_request') {
        sender.send(encode(connection.key, createMessage(session, 'interrupt_reply', { status: 'ok' }, request)));
      }
      if (msgType === 'shutdown_request') {
        setTimeout(() => process.kill(process.pid, 'SIGKILL'), SHUTDOWN_DEADLINE_MS).unref();
      }
      const forward: ControlToMain = { type: 'request', frames };
      port.postMessage(forward);
    } catch (e) {
      kernelLog(e instanceof WireError ? `dropped control message: ${e.message}` : `control message failed: ${(e as Error).stack}`);
    }
  }
}

/**
 * Calls `onSigint` (which sets the interrupt flag) on SIGINT. JavaScript signal listeners run on their thread's event
 * loop, which a busy cell blocks on the main thread; libuv delivers a signal to every loop that
 * watches it, so this worker sees it. Node offers no public signal API in workers, hence the
 * (deprecated, still shipped) signal_wrap binding, used exactly as Node's own `process.on` does.
 */
function watchSigint(onSigint: () => void): void {
  try {
    process.noDeprecation = true;
    const { Signal } = (process as unknown as { binding(name: string): { Signal: new () => SignalWrap } }).binding('signal_wrap');
    const wrap = new Signal();
    wrap.unref();
    wrap.onsignal = onSigint;
    if (wrap.start(constants.signals.SIGINT) !== 0)
      kernelLog('cannot watch SIGINT on the control thread; SIGINT reaches busy cells only through vm breakOnSigint');
  } catch (e) {
    kernelLog(`cannot watch SIGINT on the control thread (${(e as Error).message}); use interrupt_request`);
  }
}

interface SignalWrap {
  onsignal: (signum: number) => void;
  start(signum: number): number;
  unref(): void;
}

/** Ends the kernel when the Jupyter process that started it is gone (JPY_PARENT_PID), so no kernel is orphaned. */
function watchParent(): void {
  const parent = Number(process.env.JPY_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 1) return;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      kernelLog(`parent process ${parent} is gone; exiting`);
      process.kill(process.pid, 'SIGKILL');
    }
  }, PARENT_POLL_MS).unref();
}

main().catch((e: Error) => {
  kernelLog(`control worker failed: ${e.stack}`);
  process.kill(process.pid, 'SIGTERM');
});
