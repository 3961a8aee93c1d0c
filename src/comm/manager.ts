/** The kernel side's registry of comm targets and open comms, and the handling of front-end comm messages. */
import { randomUUID } from 'crypto';
import { KernelComm } from './comm';
import { CommHandlerError, CommInputError } from './errors';
import type { Comm, CommEndpoint, CommMessage, CommTargetHandler, CommTransport, IncomingCommMessage, JsonObject } from './types';
import { dataField, metadataField, nameField } from './validate';

/** Comms and targets of one process. */
export class CommManager implements CommEndpoint {
  private readonly targets = new Map<string, CommTargetHandler>();
  private readonly comms = new Map<string, KernelComm>();
  private currentTransport: CommTransport | undefined;

  /** Sets (or removes) the kernel's transport. */
  setTransport(transport: CommTransport | undefined): void {
    this.currentTransport = transport;
  }

  /** The transport, or a clear error outside a kernel. */
  transport(): CommTransport {
    if (!this.currentTransport) {
      throw new Error('deconv.comm needs the deconvlab Jupyter kernel: in plain Node.js there is no front end to open a comm with');
    }
    return this.currentTransport;
  }

  /** `msg_id` of the message whose output is produced now, if in a kernel. */
  parentMessageId(): string | undefined {
    return this.currentTransport?.parentMessageId();
  }

  /** Opens a comm from the kernel (`comm_open`). */
  open(targetName: string, data: JsonObject = {}, metadata: JsonObject = {}, buffers: ArrayBufferView[] = []): Comm {
    if (typeof targetName !== 'string' || targetName === '')
      throw new Error(`deconv.comm.open: targetName must be a non-empty string; got ${JSON.stringify(targetName)}`);
    const transport = this.transport();
    const comm = new KernelComm(randomUUID(), targetName, this);
    this.comms.set(comm.commId, comm);
    transport.send('comm_open', { comm_id: comm.commId, target_name: targetName, data }, metadata, buffers);
    return comm;
  }

  /** Registers the handler of front-end `comm_open`s for `targetName` (replacing any previous one). */
  registerTarget(targetName: string, handler: CommTargetHandler): void {
    if (typeof targetName !== 'string' || targetName === '')
      throw new Error(`deconv.comm.registerTarget: targetName must be a non-empty string; got ${JSON.stringify(targetName)}`);
    if (typeof handler !== 'function')
      throw new Error(`deconv.comm.registerTarget(${JSON.stringify(targetName)}): handler must be a function (comm, openMessage) => void`);
    this.targets.set(targetName, handler);
  }

  /** Removes a comm from the open ones (called by the comm when it closes). */
  forget(commId: string): void {
    this.comms.delete(commId);
  }

  /** @inheritdoc */
  info(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const comm of this.comms.values()) {
      if (targetName === undefined || comm.targetName === targetName) comms[comm.commId] = { target_name: comm.targetName };
    }
    return comms;
  }

  /** @inheritdoc */
  async receive(incoming: IncomingCommMessage): Promise<void> {
    const { msgType, content } = incoming;
    const commId = nameField(content, 'comm_id', msgType);
    const message: CommMessage = {
      data: dataField(content, msgType),
      metadata: metadataField(incoming.metadata),
      buffers: incoming.buffers,
      msgId: incoming.msgId,
    };
    if (msgType === 'comm_open') return this.openedByFrontEnd(commId, nameField(content, 'target_name', msgType), message);
    const comm = this.comms.get(commId);
    if (!comm) throw new CommInputError(`${msgType} for unknown comm ${JSON.stringify(commId)}: ignored`);
    const what = `${msgType} handler of comm ${commId} (target ${JSON.stringify(comm.targetName)})`;
    if (msgType === 'comm_close') return guard(what, () => comm.closedByFrontEnd(message));
    return guard(what, () => comm.deliver(message));
  }

  private async openedByFrontEnd(commId: string, targetName: string, message: CommMessage): Promise<void> {
    const handler = this.targets.get(targetName);
    if (!handler) {
      this.transport().send('comm_close', { comm_id: commId, data: {} }, {}, []);
      throw new CommInputError(`comm_open for unregistered target ${JSON.stringify(targetName)}: answered with comm_close`);
    }
    if (this.comms.has(commId)) throw new CommInputError(`comm_open for comm ${JSON.stringify(commId)}, which is already open: ignored`);
    const comm = new KernelComm(commId, targetName, this);
    this.comms.set(commId, comm);
    try {
      await guard(`comm target ${JSON.stringify(targetName)} handler`, () => handler(comm, message));
    } catch (e) {
      // As ipykernel does: a comm whose target handler failed is closed.
      comm.close();
      throw e;
    }
  }
}

/** Runs a handler; its exception or rejection becomes a CommHandlerError. */
async function guard(what: string, handler: () => unknown): Promise<void> {
  try {
    await handler();
  } catch (e) {
    throw new CommHandlerError(what, e);
  }
}
