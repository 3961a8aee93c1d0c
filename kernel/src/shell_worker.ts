/**
 * The shell and stdin sockets, on a worker thread. The main thread cannot read a socket while the
 * preload or a cell blocks its event loop, so this thread reads shell: it answers
 * `kernel_info_request` and `is_complete_request` itself (with its own copy of TypeScript's parser)
 * and forwards every message to the main thread, numbered in arrival order (the number of the last
 * one is also in shared memory, for `stop_on_error`). It sends what the main thread asks it to send
 * (shell replies, `input_request`s) and stores each `input_reply` in the shared input slot.
 */
import { parentPort, workerData } from 'worker_threads';
import { type ConnectionInfo, endpoint } from './connection';
import { InputSlot } from './input_slot';
import { isComplete } from './is_complete';
import { kernelInfo, readVersions } from './kernel_info';
import { kernelLog } from './log';
import { SocketSender } from './socket_sender';
import { createMessage, decode, encode, type Message, WireError } from './wire';
import { asBuffers, type WorkerClosed } from './worker_link';

/** Data the main thread passes to this worker. */
export interface ShellWorkerData {
  connection: ConnectionInfo;
  session: string;
  /** `[0]`: the arrival number of the last shell message forwarded. */
  received: Int32Array;
  inputMemory: SharedArrayBuffer;
}

/** A shell message for the main thread: its frames and arrival number. */
export type ShellToMain = { type: 'request'; frames: Uint8Array[]; received: number };

/** What the main thread asks: a shell reply to send, an `input_request` to send on stdin, or closing the sockets. */
export type MainToShell = { type: 'send'; frames: Uint8Array[] } | { type: 'input'; frames: Uint8Array[] } | { type: 'close' };

async function main(): Promise<void> {
  const { connection, session, received, inputMemory } = workerData as ShellWorkerData;
  const input = new InputSlot(inputMemory);
  const zmq = await import('zeromq');
  const shell = new zmq.Router();
  const stdin = new zmq.Router();
  await Promise.all([shell.bind(endpoint(connection, connection.shell_port)), stdin.bind(endpoint(connection, connection.stdin_port))]);
  const shellSender = new SocketSender(shell);
  const stdinSender = new SocketSender(stdin);
  const port = parentPort!;
  port.on('message', (message: MainToShell) => {
    if (message.type === 'send') shellSender.send(asBuffers(message.frames));
    else if (message.type === 'input') stdinSender.send(asBuffers(message.frames));
    else {
      // Closing zeromq sockets before the thread ends: a worker torn down with open sockets aborts the process.
      void Promise.all([shellSender.drained(), stdinSender.drained()]).then(() => {
        shell.close();
        stdin.close();
        const closed: WorkerClosed = { type: 'closed' };
        port.postMessage(closed);
      });
    }
  });
  void serveStdin(stdin, connection.key, input);
  // Load TypeScript now, not on the first is_complete_request.
  setImmediate(() => isComplete('1'));
  const versions = readVersions();
  const answer = (request: Message): Record<string, unknown> | undefined => {
    const msgType = request.header.msg_type;
    if (msgType === 'kernel_info_request') return kernelInfo(versions);
    if (msgType === 'is_complete_request') return { ...isComplete(String(request.content.code ?? '')) };
    return undefined;
  };
  let count = 0;
  for await (const frames of shell) {
    try {
      const request = decode(connection.key, frames);
      const reply = answer(request);
      if (reply) {
        const msgType = request.header.msg_type.replace(/_request$/, '_reply');
        shellSender.send(encode(connection.key, createMessage(session, msgType, reply, request)));
      }
    } catch (e) {
      // The main thread logs bad messages when it decodes them; only failures of our own answer are news.
      if (!(e instanceof WireError)) kernelLog(`shell worker could not answer: ${(e as Error).stack}`);
    }
    Atomics.store(received, 0, ++count);
    const forward: ShellToMain = { type: 'request', frames, received: count };
    port.postMessage(forward);
  }
}

/** Stores each `input_reply`'s value in the input slot (late or unexpected replies are logged and dropped). */
async function serveStdin(stdin: import('zeromq').Router, key: string, input: InputSlot): Promise<void> {
  for await (const frames of stdin) {
    try {
      const reply = decode(key, frames);
      const value = reply.content.value;
      if (reply.header.msg_type !== 'input_reply' || typeof value !== 'string') {
        kernelLog(`stdin: ignored ${reply.header.msg_type} (expected input_reply with a string value)`);
      } else if (!input.answer(value)) {
        kernelLog('stdin: input_reply arrived when no input was requested (late, or after an interrupt); dropped');
      }
    } catch (e) {
      kernelLog(`dropped stdin message: ${(e as Error).message}`);
    }
  }
}

main().catch((e: Error) => {
  kernelLog(`shell worker failed: ${e.stack}`);
  process.kill(process.pid, 'SIGTERM');
});
