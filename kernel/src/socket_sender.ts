/** Sends on a ZeroMQ socket without overlapping two sends (zeromq.js throws EBUSY while one is pending). */
import { isUtf8 } from 'buffer';
import { isMainThread } from 'worker_threads';
import type { Writable } from 'zeromq';
import { kernelLog } from './log';

/** zeromq.js 6 sends a Buffer longer than this without copying it (`zero_copy_threshold` in its outgoing_msg.cc). */
const ZERO_COPY_THRESHOLD = 128;

/** Queues multipart messages in order; a failed send is logged and the queue goes on. */
export class SocketSender {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly socket: Writable) {}

  /** Queues one message (sent within the current microtask checkpoint when the socket is writable). */
  send(frames: Buffer[]): void {
    const parts = threadSafeFrames(frames);
    this.tail = this.tail.then(() => this.socket.send(parts)).catch((e: Error) => kernelLog(`send failed: ${e.message}`));
  }

  /** Resolves once every queued message has been handed to ZeroMQ. */
  drained(): Promise<void> {
    return this.tail;
  }
}

/**
 * `frames` as this thread may hand them to ZeroMQ. zeromq.js keeps a long Buffer by reference and, once
 * its I/O thread has sent it, gives it back to the addon instance of the thread that sent it. A socket
 * worker ends right after its last message (control's `shutdown_reply`), so the I/O thread could hand
 * the buffer back to a freed addon instance: glibc's "malloc(): unsorted double linked list corrupted"
 * at kernel shutdown. On a worker thread, long text frames (every frame of a reply: JSON, signature) go
 * as strings, which zeromq.js copies into memory ZeroMQ owns; the main thread (outlives ZeroMQ's context)
 * and short or binary frames are passed as they are.
 */
export function threadSafeFrames(frames: Buffer[]): (Buffer | string)[] {
  if (isMainThread) return frames;
  return frames.map((frame) => (frame.length > ZERO_COPY_THRESHOLD && isUtf8(frame) ? frame.toString('utf8') : frame));
}
