/**
 * The kernel side of deconvlab's display sink: DisplayMessages → `display_data`,
 * `update_display_data` and `clear_output` on IOPub. tslab's own `display` API is routed here too.
 */
import type { DisplayMessage, DisplaySink, MimeBundle } from 'deconvlab';

/** Publishes one IOPub message for the cell whose output is current. */
export type Publish = (msgType: string, content: Record<string, unknown>) => void;

/**
 * Makes a bundle wire-ready: JSON MIME types carry JSON values, not JSON text (tslab's `display.raw`
 * only takes strings, so its JSON arrives as text), and bytes become base64.
 */
export function wireBundle(data: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (value instanceof Uint8Array) out[mime] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    else if (typeof value === 'string' && isJsonMime(mime)) out[mime] = parseJsonOr(value);
    else out[mime] = value;
  }
  return out;
}

/** The sink registered with deconvlab's `setDisplaySink`. */
export function createDisplaySink(publish: Publish): DisplaySink {
  return (message: DisplayMessage) => {
    if (message.kind === 'clear') {
      publish('clear_output', { wait: message.wait });
      return;
    }
    const content = {
      data: wireBundle(message.data),
      metadata: message.metadata ?? {},
      transient: message.displayId ? { display_id: message.displayId } : {},
    };
    publish(message.kind === 'update' ? 'update_display_data' : 'display_data', content);
  };
}

/** The writer behind tslab's `display` (one MIME type per call), as a DisplayMessage to `sink`. */
export function tslabDisplayWriter(sink: DisplaySink) {
  return (data: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } }, update: boolean): void => {
    const displayId = data.transient.display_id;
    if (update && displayId) sink({ kind: 'update', data: data.data, metadata: data.metadata, displayId });
    else sink({ kind: 'display', data: data.data, metadata: data.metadata, displayId });
  };
}

function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
