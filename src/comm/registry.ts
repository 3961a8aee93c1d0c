/** The process-wide comm manager and the kernel's seam to it. */
import { CommManager } from './manager';
import type { CommEndpoint, CommTransport } from './types';

const MANAGER_KEY = Symbol.for('deconvlab.comm');

type ManagerHolder = { [MANAGER_KEY]?: CommManager };

/** The manager, on a global symbol so that every copy of deconvlab in the process shares it. */
export function commManager(): CommManager {
  const holder = globalThis as ManagerHolder;
  return (holder[MANAGER_KEY] ??= new CommManager());
}

/** Registers the kernel's transport (or removes it with `undefined`); returns where to deliver front-end messages. */
export function setCommTransport(transport: CommTransport | undefined): CommEndpoint {
  commManager().setTransport(transport);
  return commManager();
}
