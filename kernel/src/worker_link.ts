/** The main thread's side of a socket worker (control, shell): start it, post to it, close it. */
import { join } from 'path';
import { Worker } from 'worker_threads';
import { kernelLog } from './log';

/** How long a worker may take to close its sockets on shutdown. */
const CLOSE_TIMEOUT_MS = 1000;

/** Every socket worker posts `closed` once its sockets are closed, after the main thread asked with `close`. */
export type WorkerClosed = { type: 'closed' };

/** A running socket worker. */
export interface WorkerLink<ToWorker> {
  /** Posts one message to the worker. */
  post(message: ToWorker): void;
  /** Asks the worker to close its sockets, then ends it. */
  close(): Promise<void>;
}

/** Starts `dist/<file>` as a worker; its stdout/stderr go to the kernel log, its other messages to `onMessage`. */
export function startWorker<ToWorker, FromWorker>(
  file: string,
  workerData: unknown,
  onMessage: (message: FromWorker) => void,
): WorkerLink<ToWorker | { type: 'close' }> {
  // Piped by default into the main thread's process.stdout, which feeds cells; the worker's output belongs in the log.
  const worker = new Worker(join(__dirname, file), { workerData, stdout: true, stderr: true });
  const name = file.replace(/\.js$/, '').replace('_', ' ');
  worker.stdout.on('data', (chunk: Buffer) => kernelLog(`${name}: ${chunk.toString().trimEnd()}`));
  worker.stderr.on('data', (chunk: Buffer) => kernelLog(`${name}: ${chunk.toString().trimEnd()}`));
  let closed: () => void = () => undefined;
  worker.on('message', (message: FromWorker | WorkerClosed) => {
    if ((message as WorkerClosed).type === 'closed') closed();
    else onMessage(message as FromWorker);
  });
  worker.on('error', (e) => kernelLog(`${name} error: ${e.stack}`));
  worker.unref();
  return {
    post: (message) => worker.postMessage(message),
    close: async () => {
      const done = new Promise<void>((resolve) => (closed = resolve));
      worker.postMessage({ type: 'close' });
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS))]);
      await worker.terminate();
    },
  };
}

/** Frames posted between threads arrive as Uint8Arrays: views on them as Buffers. */
export function asBuffers(frames: Uint8Array[]): Buffer[] {
  return frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength));
}
