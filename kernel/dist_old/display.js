"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tslabDisplayWriter = exports.createDisplaySink = exports.wireBundle = void 0;
/**
 * Makes a bundle wire-ready: JSON MIME types carry JSON values, not JSON text (tslab's `display.raw`
 * only takes strings, so its JSON arrives as text), and bytes become base64.
 */
function wireBundle(data) {
    const out = {};
    for (const [mime, value] of Object.entries(data)) {
        if (value === undefined)
            continue;
        if (value instanceof Uint8Array)
            out[mime] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
        else if (typeof value === 'string' && isJsonMime(mime))
            out[mime] = parseJsonOr(value);
        else
            out[mime] = value;
    }
    return out;
}
exports.wireBundle = wireBundle;
/** The sink registered with deconvlab's `setDisplaySink`. */
function createDisplaySink(publish) {
    return (message) => {
        if (message.kind === 'clear') {
            publish('clear_output', { wait: message.wait });
            return;
        }
        const content = { data: wireBundle(message.data), metadata: message.metadata ?? {}, transient: message.displayId ? { display_id: message.displayId } : {} };
        publish(message.kind === 'update' ? 'update_display_data' : 'display_data', content);
    };
}
exports.createDisplaySink = createDisplaySink;
/** The writer behind tslab's `display` (one MIME type per call), as a DisplayMessage to `sink`. */
function tslabDisplayWriter(sink) {
    return (data, update) => {
        const displayId = data.transient.display_id;
        if (update && displayId)
            sink({ kind: 'update', data: data.data, metadata: data.metadata, displayId });
        else
            sink({ kind: 'display', data: data.data, metadata: data.metadata, displayId });
    };
}
exports.tslabDisplayWriter = tslabDisplayWriter;
function isJsonMime(mime) {
    return mime === 'application/json' || mime.endsWith('+json');
}
function parseJsonOr(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
