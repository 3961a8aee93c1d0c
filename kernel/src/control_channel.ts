/** The main thread's side of the control worker: starts it and exchanges control messages with it. */
import type { ConnectionInfo } from './connection';
import type { ControlToMain, ControlWorkerData, MainToControl } from './control_worker';
import { asBuffers, startWorker } from './worker_link';

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
  inputMemory: SharedArrayBuffer,
  onRequest: (frames: Buffer[]) => void,
): ControlChannel {
  const data: ControlWorkerData = { connection, session, flag, inputMemory };
  const link = startWorker<MainToControl, ControlToMain>('control_worker.js', data, (message) => onRequest(asBuffers(message.frames)));
  return {
    send: (frames) => link.post({ type: 'send', frames }),
    close: () => link.close(),
  };
}
