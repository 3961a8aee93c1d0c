/**
 * The IOPub channel: an XPUB socket that welcomes subscribers (protocol 5.4) and publishes
 * outputs, with stdout/stderr writes coalesced into few `stream` messages but never reordered
 * with respect to other outputs.
 */
import type { XPublisher } from 'zeromq';
import { SocketSender } from './socket_sender';
import { createMessage, encode, type Message } from './wire';

/** A stream write is sent at once when the pending text is older than this (keeps output live in busy loops). */
const STREAM_FLUSH_MS = 50;
const STREAM_FLUSH_BYTES = 64 * 1024;

/** Publishes IOPub messages for one kernel session. */
export class Iopub {
  private readonly sender: SocketSender;
  private pending: { name: 'stdout' | 'stderr'; text: string; parent: Message } | undefined;
  private pendingSince = 0;
  private flushScheduled = false;

  constructor(
    private readonly socket: XPublisher,
    private readonly key: string,
    private readonly session: string,
  ) {
    this.sender = new SocketSender(socket);
  }

  /** Answers every subscription with an `iopub_welcome` on its topic, until the socket closes; calls `onWelcome` after each. */
  async welcomeSubscribers(onWelcome: () => void): Promise<void> {
    for await (const [frame] of this.socket) {
      if (frame.length === 0 || frame[0] !== 1) continue;
      const topic = frame.subarray(1);
      const welcome = createMessage(this.session, 'iopub_welcome', { subscription: topic.toString('utf8') });
      welcome.identities = topic.length > 0 ? [Buffer.from(topic)] : [];
      this.sender.send(encode(this.key, welcome));
      onWelcome();
    }
  }

  /** Publishes one message, with binary `buffers` as extra frames (after any pending stream text, so the order of outputs is kept). */
  publish(
    msgType: string,
    content: Record<string, unknown>,
    parent: Message | undefined,
    metadata?: Record<string, unknown>,
    buffers: Buffer[] = [],
  ): void {
    this.flush();
    const message = createMessage(this.session, msgType, content, undefined, metadata);
    if (parent) message.parent_header = parent.header;
    message.buffers = buffers;
    this.sender.send(encode(this.key, message));
  }

  /** Appends text to the stream `name`; sent within one event-loop turn or {@link STREAM_FLUSH_MS}. */
  stream(name: 'stdout' | 'stderr', text: string, parent: Message | undefined): void {
    if (!parent || text === '') return;
    if (this.pending && (this.pending.name !== name || this.pending.parent !== parent)) this.flush();
    if (!this.pending) {
      this.pending = { name, text: '', parent };
      this.pendingSince = Date.now();
    }
    this.pending.text += text;
    if (Date.now() - this.pendingSince >= STREAM_FLUSH_MS || this.pending.text.length >= STREAM_FLUSH_BYTES) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** Resolves once every published message has been handed to ZeroMQ (whose I/O thread sends it even while a cell blocks). */
  drained(): Promise<void> {
    this.flush();
    return this.sender.drained();
  }

  /** Sends pending stream text now. */
  flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const message = createMessage(this.session, 'stream', { name: pending.name, text: pending.text });
    message.parent_header = pending.parent.header;
    this.sender.send(encode(this.key, message));
  }
}
