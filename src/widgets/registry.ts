/**
 * The open widgets of this process, shared by every copy of the module (a global symbol, as the display
 * sink), so that the `jupyter.widget.control` comm can send all their states after a page reload.
 */
import type { CommPort } from './comm_port';
import type { Widget } from './widget';

interface Registry {
  widgets: Map<string, Widget>;
  /** Ports on which the control target is registered. */
  ports: WeakSet<CommPort>;
}

const REGISTRY_KEY = Symbol.for('deconvlab.widgets.registry');

type RegistryHolder = { [REGISTRY_KEY]?: Registry };

/** The process-wide registry. */
export function registry(): Registry {
  const holder = globalThis as RegistryHolder;
  holder[REGISTRY_KEY] ??= { widgets: new Map(), ports: new WeakSet() };
  return holder[REGISTRY_KEY];
}

/** Every widget whose comm is open, in creation order. */
export function openWidgets(): Widget[] {
  return [...registry().widgets.values()];
}
