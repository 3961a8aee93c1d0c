/**
 * Test scaffolding: a comm layer that records what the widgets send and lets a test play the front end.
 * It implements the `deconv.comm` contract (open / registerTarget / parentMessageId); the protocol logic
 * under test is entirely the widgets'.
 */
import * as deconv from 'deconvlab';

type JsonObject = deconv.widgets.JsonObject;
type Comm = deconv.widgets.Comm;
type CommMessage = deconv.widgets.CommMessage;

/** One message a widget sent, in order across all comms. */
export interface Sent {
  commId: string;
  kind: 'open' | 'msg' | 'close';
  target?: string;
  data: JsonObject;
  metadata: JsonObject;
  buffers: ArrayBufferView[];
}

/** A comm whose outgoing messages land in the port's `sent` list. */
export class FakeComm implements Comm {
  closed = false;
  private msgHandler: ((message: CommMessage) => void | Promise<void>) | undefined;
  private closeHandler: ((message: CommMessage) => void) | undefined;

  constructor(
    private readonly port: FakeCommPort,
    readonly commId: string,
    readonly targetName: string,
  ) {}

  send(data: JsonObject, metadata: JsonObject = {}, buffers: ArrayBufferView[] = []): void {
    if (this.closed) throw new Error(`send on closed comm ${this.commId}`);
    this.port.sent.push({ commId: this.commId, kind: 'msg', data, metadata, buffers });
  }

  close(data: JsonObject = {}, metadata: JsonObject = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.port.sent.push({ commId: this.commId, kind: 'close', data, metadata, buffers: [] });
  }

  onMsg(handler: (message: CommMessage) => void | Promise<void>): void {
    this.msgHandler = handler;
  }

  onClose(handler: (message: CommMessage) => void): void {
    this.closeHandler = handler;
  }

  /** Plays a front-end `comm_msg`; resolves when the handler is done. Sets the port's parent id while it runs. */
  async receive(data: JsonObject, buffers: DataView[] = [], msgId = `fe-${++this.port.counter}`): Promise<void> {
    const before = this.port.parent;
    this.port.parent = msgId;
    try {
      await this.msgHandler?.({ data, metadata: {}, buffers, msgId });
    } finally {
      this.port.parent = before;
    }
  }

  /** Plays a front-end `comm_close`. */
  receiveClose(): void {
    this.closed = true;
    this.closeHandler?.({ data: {}, metadata: {}, buffers: [], msgId: `fe-${++this.port.counter}` });
  }
}

/** The recording comm layer. */
export class FakeCommPort implements deconv.widgets.CommPort {
  readonly sent: Sent[] = [];
  readonly comms = new Map<string, FakeComm>();
  readonly targets = new Map<string, (comm: Comm, open: CommMessage) => void | Promise<void>>();
  /** What `parentMessageId()` returns: the message being handled. */
  parent: string | undefined = 'execute-1';
  counter = 0;

  open(targetName: string, data: JsonObject = {}, metadata: JsonObject = {}, buffers: ArrayBufferView[] = []): Comm {
    const comm = new FakeComm(this, `comm-${++this.counter}`, targetName);
    this.comms.set(comm.commId, comm);
    this.sent.push({ commId: comm.commId, kind: 'open', target: targetName, data, metadata, buffers });
    return comm;
  }

  registerTarget(targetName: string, handler: (comm: Comm, open: CommMessage) => void | Promise<void>): void {
    this.targets.set(targetName, handler);
  }

  parentMessageId(): string | undefined {
    return this.parent;
  }

  /** Plays a front-end `comm_open` to `target`; returns the comm the kernel side got. */
  async frontEndOpen(target: string, metadata: JsonObject = {}): Promise<FakeComm> {
    const handler = this.targets.get(target);
    if (!handler) throw new Error(`no target ${target} registered`);
    const comm = new FakeComm(this, `fe-comm-${++this.counter}`, target);
    await handler(comm, { data: {}, metadata, buffers: [], msgId: `fe-${++this.counter}` });
    return comm;
  }

  /** The comm of a widget. */
  comm(widget: deconv.widgets.Widget): FakeComm {
    return this.comms.get(widget.modelId)!;
  }

  /** Messages sent since `from` (an index into `sent`). */
  since(from: number): Sent[] {
    return this.sent.slice(from);
  }
}

/** Installs a fresh recording port (and forgets widgets of earlier tests). */
export function installFakePort(): FakeCommPort {
  for (const widget of deconv.widgets.openWidgets()) widget.close();
  const port = new FakeCommPort();
  deconv.widgets.setCommPort(port);
  return port;
}

/** Records display messages into the port's log (as comm id "iopub"), so their order with comm messages shows. */
export function recordDisplays(port: FakeCommPort): () => void {
  deconv.setDisplaySink(
    (message) => void port.sent.push({ commId: 'iopub', kind: 'msg', data: { ...message }, metadata: {}, buffers: [] }),
  );
  return () => deconv.setDisplaySink(undefined);
}
