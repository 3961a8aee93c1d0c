/** The comm API's types (Jupyter messaging 5.4 comms), shared by deconvlab's widgets and the kernel. */

/** A JSON object, as comm `data` and `metadata` are. */
export type JsonObject = { [key: string]: unknown };

/** One message received on a comm (or the `comm_open` that created it). */
export interface CommMessage {
  data: JsonObject;
  metadata: JsonObject;
  buffers: DataView[];
  /** The incoming message's `header.msg_id`. */
  msgId: string;
}

/** One end of a comm between this kernel and the front end. */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  readonly closed: boolean;
  /** Sends a `comm_msg`; throws once the comm is closed. */
  send(data: JsonObject, metadata?: JsonObject, buffers?: ArrayBufferView[]): void;
  /** Sends `comm_close` once; later calls do nothing. */
  close(data?: JsonObject, metadata?: JsonObject): void;
  /** Sets the handler of incoming `comm_msg` (replaces the previous one). */
  onMsg(handler: (message: CommMessage) => void | Promise<void>): void;
  /** Sets the handler called when the front end closes the comm. */
  onClose(handler: (message: CommMessage) => void): void;
}

/** Called when the front end opens a comm to a registered target. */
export type CommTargetHandler = (comm: Comm, openMessage: CommMessage) => void | Promise<void>;

/** The comm message types. */
export type CommMsgType = 'comm_open' | 'comm_msg' | 'comm_close';

/** What the kernel provides to deconvlab's comms: sending, and the parent of the output produced now. */
export interface CommTransport {
  /** Publishes one comm message (content as the protocol spells it) with the current output parent. */
  send(msgType: CommMsgType, content: JsonObject, metadata: JsonObject, buffers: ArrayBufferView[]): void;
  /** `msg_id` of the message whose output is being produced now. */
  parentMessageId(): string | undefined;
}

/** An incoming comm message as the kernel received it (content not yet checked). */
export interface IncomingCommMessage {
  msgType: CommMsgType;
  content: JsonObject;
  metadata: unknown;
  buffers: DataView[];
  msgId: string;
}

/** What the kernel gets back from `setCommTransport`: where to deliver incoming comm messages. */
export interface CommEndpoint {
  /**
   * Handles one front-end message. Rejects with a `CommInputError` for messages it ignored (unknown
   * comm, bad content: log them) and with a `CommHandlerError` when a registered handler threw.
   */
  receive(message: IncomingCommMessage): Promise<void>;
  /** The open comms `{ comm_id: { target_name } }`, only those of `targetName` when given. */
  info(targetName?: string): Record<string, { target_name: string }>;
}
