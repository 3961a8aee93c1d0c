/**
 * The seam between widgets and the comm layer: what widgets use of `deconv.comm` (opening a comm,
 * registering a target, the id of the message whose output is produced now). By default the kernel's
 * comms; tests plug in a recording port to assert the exact protocol messages.
 */
import * as comm from '../comm';

export type { Comm, CommMessage, JsonObject } from '../comm';

/** What widgets use of `deconv.comm`. */
export interface CommPort {
  open: typeof comm.open;
  registerTarget: typeof comm.registerTarget;
  parentMessageId: typeof comm.parentMessageId;
}

const PORT_KEY = Symbol.for('deconvlab.widgets.commPort');

type PortHolder = { [PORT_KEY]?: CommPort };

/** Sets the comm layer widgets open their comms on (`undefined` restores `deconv.comm`). */
export function setCommPort(port: CommPort | undefined): void {
  (globalThis as PortHolder)[PORT_KEY] = port;
}

/** The comm layer in use. */
export function commPort(): CommPort {
  return (globalThis as PortHolder)[PORT_KEY] ?? comm;
}
