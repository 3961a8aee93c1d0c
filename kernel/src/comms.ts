/**
 * The kernel side of deconvlab's comms (`deconv.comm`): the transport deconvlab sends through
 * (IOPub, with the current output parent and binary buffers as extra frames), and the delivery of
 * front-end `comm_open`/`comm_msg`/`comm_close` to deconvlab, each run with that message as the
 * output parent. Bad messages are logged and ignored; a handler that throws is logged and, while a
 * cell runs, reported on its stderr.
 */
import type { CommEndpoint, CommMsgType, CommTransport, JsonObject } from 'deconvlab';
import { kernelLog } from './log';
import type { OutputParent } from './output_parent';
import type { Message } from './wire';

/** The most buffer bytes one front-end comm message may carry; bigger messages are dropped (and logged). */
export const MAX_COMM_BUFFER_BYTES = 16 * 1024 * 1024;

/** What the comms need from the kernel. */
export interface CommsContext {
  parent: OutputParent;
  /** Publishes on IOPub with `parent` as parent header. */
  publish(
    msgType: string,
    content: Record<string, unknown>,
    parent: Message | undefined,
    metadata: Record<string, unknown>,
    buffers: Buffer[],
  ): void;
  /** Writes an error line to the running cell's stderr, if a cell runs. */
  reportToCell(text: string): void;
}

/** The kernel's comm layer; `connect` plugs it into deconvlab once the preload has loaded it. */
export class KernelComms {
  private endpoint: CommEndpoint | undefined;

  constructor(private readonly context: CommsContext) {}

  /** The transport to hand to deconvlab's `setCommTransport`. */
  transport(): CommTransport {
    return {
      send: (msgType: CommMsgType, content: JsonObject, metadata: JsonObject, buffers: ArrayBufferView[]) =>
        this.context.publish(msgType, content, this.context.parent.current(), metadata, buffers.map(toBuffer)),
      parentMessageId: () => this.context.parent.current()?.header.msg_id,
    };
  }

  /** Sets where front-end messages go (deconvlab's endpoint). */
  connect(endpoint: CommEndpoint): void {
    this.endpoint = endpoint;
  }

  /** `comm_info_request`: the open comms, filtered by `target_name` when it is a string. */
  info(request: Message): Record<string, unknown> {
    const target = request.content.target_name;
    return { status: 'ok', comms: this.endpoint?.info(typeof target === 'string' ? target : undefined) ?? {} };
  }

  /** Handles one front-end comm message; never throws. */
  async handle(request: Message): Promise<void> {
    const msgType = request.header.msg_type as CommMsgType;
    const size = request.buffers.reduce((sum, b) => sum + b.length, 0);
    if (size > MAX_COMM_BUFFER_BYTES) {
      kernelLog(`${msgType} dropped: its buffers hold ${size} bytes, more than the ${MAX_COMM_BUFFER_BYTES} this kernel accepts`);
      return;
    }
    if (!this.endpoint) {
      kernelLog(`${msgType} dropped: deconvlab's comms are not loaded (the preload failed)`);
      return;
    }
    const endpoint = this.endpoint;
    const buffers = request.buffers.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength));
    try {
      await this.context.parent.runAs(request, () =>
        endpoint.receive({ msgType, content: request.content, metadata: request.metadata, buffers, msgId: request.header.msg_id }),
      );
    } catch (e) {
      const error = e as Error;
      kernelLog(`${error.message}${error.name === 'CommHandlerError' ? `\n${(error.cause as Error)?.stack ?? ''}` : ''}`);
      if (error.name === 'CommHandlerError') this.context.reportToCell(`${error.message}\n`);
    }
  }
}

function toBuffer(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}
