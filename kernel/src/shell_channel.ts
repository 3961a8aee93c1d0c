/** The main thread's side of the shell worker: shell messages in (numbered), shell replies and stdin requests out. */
import type { ConnectionInfo } from './connection';
import type { MainToShell, ShellToMain, ShellWorkerData } from './shell_worker';
import { asBuffers, startWorker } from './worker_link';

/** One shell message as the worker forwards it. */
export interface ShellArrival {
  frames: Buffer[];
  /** Arrival number (1, 2, …) in the order the kernel read shell messages. */
  received: number;
}

/** A running shell worker. */
export interface ShellChannel {
  /** Sends a reply on the shell socket. */
  send(frames: Buffer[]): void;
  /** Sends an `input_request` on the stdin socket. */
  sendInput(frames: Buffer[]): void;
  /** The arrival number of the last shell message read so far (also those not yet handled here). */
  receivedSoFar(): number;
  /** Stops the worker (closing the shell and stdin sockets). */
  close(): Promise<void>;
}

/** Starts the worker; `onRequest` receives each shell message. */
export function startShellChannel(
  connection: ConnectionInfo,
  session: string,
  inputMemory: SharedArrayBuffer,
  onRequest: (arrival: ShellArrival) => void,
): ShellChannel {
  const received = new Int32Array(new SharedArrayBuffer(4));
  const data: ShellWorkerData = { connection, session, received, inputMemory };
  const link = startWorker<MainToShell, ShellToMain>('shell_worker.js', data, (message) =>
    onRequest({ frames: asBuffers(message.frames), received: message.received }),
  );
  return {
    send: (frames) => link.post({ type: 'send', frames }),
    sendInput: (frames) => link.post({ type: 'input', frames }),
    receivedSoFar: () => Atomics.load(received, 0),
    close: () => link.close(),
  };
}
