/** One comm: sends through the kernel's transport, receives through the handlers set on it. */
import type { Comm, CommMessage, CommTransport, JsonObject } from './types';

/** What a comm needs from its manager. */
export interface CommOwner {
  transport(): CommTransport;
  forget(commId: string): void;
}

/** A comm, opened by either side. */
export class KernelComm implements Comm {
  private isClosed = false;
  private msgHandler: ((message: CommMessage) => void | Promise<void>) | undefined;
  private closeHandler: ((message: CommMessage) => void) | undefined;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly owner: CommOwner,
  ) {}

  /** Whether the comm is closed (by either side). */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends a `comm_msg`. */
  send(data: JsonObject, metadata: JsonObject = {}, buffers: ArrayBufferView[] = []): void {
    if (this.isClosed) {
      throw new Error(`comm ${this.commId} (target ${JSON.stringify(this.targetName)}) is closed; open a new comm to send more`);
    }
    this.owner.transport().send('comm_msg', { comm_id: this.commId, data }, metadata, buffers);
  }

  /** Sends `comm_close` the first time; idempotent. */
  close(data: JsonObject = {}, metadata: JsonObject = {}): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.owner.forget(this.commId);
    this.owner.transport().send('comm_close', { comm_id: this.commId, data }, metadata, []);
  }

  /** Replaces the handler of incoming messages. */
  onMsg(handler: (message: CommMessage) => void | Promise<void>): void {
    this.msgHandler = handler;
  }

  /** Replaces the handler of a front-end close. */
  onClose(handler: (message: CommMessage) => void): void {
    this.closeHandler = handler;
  }

  /** Delivers a front-end `comm_msg` to the handler (none set: ignored). */
  async deliver(message: CommMessage): Promise<void> {
    await this.msgHandler?.(message);
  }

  /** Marks the comm closed by the front end and calls the close handler. */
  closedByFrontEnd(message: CommMessage): void {
    this.isClosed = true;
    this.owner.forget(this.commId);
    this.closeHandler?.(message);
  }
}
