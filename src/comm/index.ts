/**
 * Jupyter comms from TypeScript (`deconv.comm`): open comms to the front end, register targets
 * the front end opens comms to. `src/` knows nothing of Jupyter: the kernel registers its transport
 * with `setCommTransport` (as it does the display sink) and delivers front-end messages to the
 * endpoint it gets back.
 */
import { commManager } from './registry';
import type { Comm, CommTargetHandler, JsonObject } from './types';

export type {
  Comm,
  CommMessage,
  CommTargetHandler,
  CommTransport,
  CommEndpoint,
  IncomingCommMessage,
  JsonObject,
  CommMsgType,
} from './types';
export { CommInputError, CommHandlerError } from './errors';

/** Opens a comm to `targetName` in the front end; throws outside the deconvlab kernel. */
export function open(targetName: string, data?: JsonObject, metadata?: JsonObject, buffers?: ArrayBufferView[]): Comm {
  return commManager().open(targetName, data, metadata, buffers);
}

/** Registers the handler called when the front end opens a comm to `targetName`. */
export function registerTarget(targetName: string, handler: CommTargetHandler): void {
  commManager().registerTarget(targetName, handler);
}

/** `msg_id` of the message whose output is being produced now (the execute request, or the comm message being handled). */
export function parentMessageId(): string | undefined {
  return commManager().parentMessageId();
}
