/**
 * The `jupyter.widget.control` comm target (control protocol 1.0): after a page reload the front end opens
 * it and sends `request_states`; the answer `update_states` carries every open widget's full state, binary
 * parts as buffers with paths `[model_id, "state", …]`, so the widgets come back in one round trip.
 */
import { removeBuffers } from './buffers';
import type { Comm, CommMessage, CommPort } from './comm_port';
import { widgetLog } from './log';
import { openWidgets, registry } from './registry';

/** The control comm's target name. */
export const CONTROL_TARGET = 'jupyter.widget.control';

/** The `update_states` message: all open widgets' states. */
export function updateStatesMessage(): {
  data: { method: 'update_states'; states: Record<string, unknown>; buffer_paths: Array<Array<string | number>> };
  buffers: ArrayBufferView[];
} {
  const states: Record<string, unknown> = {};
  for (const widget of openWidgets()) {
    const state = widget.fullState();
    states[widget.modelId] = {
      model_name: state._model_name,
      model_module: state._model_module,
      model_module_version: state._model_module_version,
      state,
    };
  }
  const split = removeBuffers(states);
  return { data: { method: 'update_states', states: split.state, buffer_paths: split.bufferPaths }, buffers: split.buffers };
}

function onControlOpen(comm: Comm, open: CommMessage): void {
  const version = open.metadata.version;
  if (typeof version !== 'string' || version.split('.')[0] !== '1') {
    widgetLog(`closed a ${CONTROL_TARGET} comm asking for control protocol ${JSON.stringify(version)}; this kernel speaks 1.0.0`);
    comm.close();
    return;
  }
  comm.onMsg((message) => {
    if (message.data.method !== 'request_states') {
      widgetLog(`ignored a ${CONTROL_TARGET} message with method ${JSON.stringify(message.data.method)}; only "request_states" is known`);
      return;
    }
    const reply = updateStatesMessage();
    comm.send(reply.data, {}, reply.buffers);
  });
}

/** Registers the control target on `port` once. */
export function ensureControlTarget(port: CommPort): void {
  const { ports } = registry();
  if (ports.has(port)) return;
  port.registerTarget(CONTROL_TARGET, onControlOpen);
  ports.add(port);
}
