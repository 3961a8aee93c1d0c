/** The main thread's side of the control worker: starts it and exchanges control messages with it. */
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { ConnectionInfo } from './connection';
import type { ControlToMain, ControlWorkerData, MainToControl } from './control_worker';
import { kernelLog } from './log';

/** How long the worker may take to close its sockets on shutdown. */
const CLOSE_TIMEOUT_MS = 1000;

/** A running control worker. */
export interface ControlChannel {
  /** Sends a reply on the control socket. */
  send(frames: Buffer[]): void;
  /** Stops the worker (closing the control and heartbeat sockets). */
  close(): Promise<void>;
}

/** Starts the worker; `onRequest` receives each verified control message's frames. */
export function startControlChannel(
  connection: ConnectionInfo,
  session: string,
  flag: Int32Array,
  onRequest: (frames: Buffer[]) => void,
): ControlChannel {
  const data: ControlWorkerData = { connection, session, flag };
  // Piped by default into the main thread's process.stdout, which feeds cells; the worker's output belongs in the log.
  const worker = new Worker(join(__dirname, 'control_worker.js'), { workerData: data, stdout: true, stderr: true });
  worker.stdout.on('data', (chunk: Buffer) => kernelLog(`control worker: ${chunk.toString().trimEnd()}`));
  worker.stderr.on('data', (chunk: Buffer) => kernelLog(`control worker: ${chunk.toString().trimEnd()}`));
  let closed: () => void = () => undefined;
  worker.on('message', (message: ControlToMain) => {
    if (message.type === 'closed') closed();
    else onRequest(message.frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
  });
  worker.on('error', (e) => kernelLog(`control worker error: ${e.stack}`));
  worker.unref();
  return {
    send: (frames) => {
      const message: MainToControl = { type: 'send', frames };
      worker.postMessage(message);
    },
    close: async () => {
      const done = new Promise<void>((resolve) => (closed = resolve));
      const close: MainToControl = { type: 'close' };
      worker.postMessage(close);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS))]);
      await worker.terminate();
    },
  };
}
