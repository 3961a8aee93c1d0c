/**
 * The seam between widgets and the kernel's comm layer.
 *
 * Widgets need exactly three things from `deconv.comm`: opening a comm, registering a target the front end
 * opens comms to, and the id of the message whose output is produced now. They reach them through a
 * {@link CommPort}, so the models are tested with a recording port and the kernel's comms plug in unchanged.
 */

/** A JSON object, as comm `data` and `metadata` carry. */
export type JsonObject = { [key: string]: unknown };

/** One comm message from the front end. */
export interface CommMessage {
  data: JsonObject;
  metadata: JsonObject;
  buffers: DataView[];
  /** The incoming message's `header.msg_id`. */
  msgId: string;
}

/** One open comm (Jupyter messaging 5.4 `comm_open` / `comm_msg` / `comm_close`). */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  readonly closed: boolean;
  send(data: JsonObject, metadata?: JsonObject, buffers?: ArrayBufferView[]): void;
  close(data?: JsonObject, metadata?: JsonObject): void;
  onMsg(handler: (message: CommMessage) => void | Promise<void>): void;
  onClose(handler: (message: CommMessage) => void): void;
}

/** What widgets use of `deconv.comm`. */
export interface CommPort {
  open(targetName: string, data?: JsonObject, metadata?: JsonObject, buffers?: ArrayBufferView[]): Comm;
  registerTarget(targetName: string, handler: (comm: Comm, openMessage: CommMessage) => void | Promise<void>): void;
  parentMessageId(): string | undefined;
}

const PORT_KEY = Symbol.for('deconvlab.widgets.commPort');

type PortHolder = { [PORT_KEY]?: CommPort };

/** Sets the comm layer widgets open their comms on (`undefined` restores the default). */
export function setCommPort(port: CommPort | undefined): void {
  (globalThis as PortHolder)[PORT_KEY] = port;
}

/** The comm layer in use; throws outside a kernel that speaks the comm protocol. */
export function commPort(): CommPort {
  const port = (globalThis as PortHolder)[PORT_KEY];
  if (!port) {
    throw new Error('widgets need the comm protocol of the deconvlab kernel: create them in a notebook cell running on the "TypeScript (deconvlab)" kernel');
  }
  return port;
}
