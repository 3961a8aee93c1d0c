/** Sends on a ZeroMQ socket without overlapping two sends (zeromq.js throws EBUSY while one is pending). */
import type { Writable } from 'zeromq';
import { kernelLog } from './log';

/** Queues multipart messages in order; a failed send is logged and the queue goes on. */
export class SocketSender {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly socket: Writable) {}

  /** Queues one message (sent within the current microtask checkpoint when the socket is writable). */
  send(frames: Buffer[]): void {
    this.tail = this.tail.then(() => this.socket.send(frames)).catch((e: Error) => kernelLog(`send failed: ${e.message}`));
  }

  /** Resolves once every queued message has been handed to ZeroMQ. */
  drained(): Promise<void> {
    return this.tail;
  }
}
