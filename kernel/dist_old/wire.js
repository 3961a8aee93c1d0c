"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createMessage = exports.encode = exports.decode = exports.sign = exports.WireError = exports.PROTOCOL_VERSION = void 0;
/**
 * The Jupyter wire format: ZeroMQ frames ↔ messages, signed with HMAC-SHA256.
 *
 * Pure functions over buffers, so framing and signature checks are testable without sockets.
 * See the "wire protocol" section of the Jupyter messaging specification.
 */
const crypto_1 = require("crypto");
/** The protocol version this kernel speaks. */
exports.PROTOCOL_VERSION = '5.4';
const DELIMITER = Buffer.from('<IDS|MSG>');
/** Thrown for frames that are not a well-formed, correctly signed message. */
class WireError extends Error {
    name = 'WireError';
}
exports.WireError = WireError;
/** Signs the four JSON parts with the connection key (an empty key means no signing, as the spec allows). */
function sign(key, parts) {
    if (key === '')
        return '';
    const hmac = (0, crypto_1.createHmac)('sha256', key);
    for (const part of parts)
        hmac.update(part);
    return hmac.digest('hex');
}
exports.sign = sign;
/** Parses and verifies received frames; throws WireError on a missing delimiter, a bad signature or bad JSON. */
function decode(key, frames) {
    const delimiterAt = frames.findIndex((frame) => frame.equals(DELIMITER));
    if (delimiterAt < 0)
        throw new WireError(`message has no <IDS|MSG> delimiter among its ${frames.length} frames`);
    if (frames.length < delimiterAt + 6) {
        throw new WireError(`message has ${frames.length - delimiterAt - 1} frames after the delimiter; it needs a signature and 4 JSON parts`);
    }
    const signature = frames[delimiterAt + 1].toString('ascii');
    const parts = frames.slice(delimiterAt + 2, delimiterAt + 6);
    const expected = Buffer.from(sign(key, parts), 'ascii');
    const given = Buffer.from(signature, 'ascii');
    if (given.length !== expected.length || !(0, crypto_1.timingSafeEqual)(given, expected)) {
        throw new WireError(`message signature ${JSON.stringify(signature.slice(0, 16))}… does not match the connection key`);
    }
    let message;
    try {
        message = {
            identities: frames.slice(0, delimiterAt),
            header: JSON.parse(parts[0].toString('utf8')),
            parent_header: JSON.parse(parts[1].toString('utf8')),
            metadata: JSON.parse(parts[2].toString('utf8')),
            content: JSON.parse(parts[3].toString('utf8')),
            buffers: frames.slice(delimiterAt + 6),
        };
    }
    catch (e) {
        throw new WireError(`message JSON parts do not parse: ${e.message}`);
    }
    const { header, content } = message;
    if (typeof header !== 'object' || header === null || typeof header.msg_type !== 'string' || typeof header.msg_id !== 'string') {
        throw new WireError('message header needs string msg_id and msg_type');
    }
    if (typeof content !== 'object' || content === null)
        throw new WireError('message content must be a JSON object');
    return message;
}
exports.decode = decode;
/** Serializes and signs a message into frames ready for a socket. */
function encode(key, message) {
    const parts = [message.header, message.parent_header, message.metadata, message.content].map((part) => Buffer.from(JSON.stringify(part), 'utf8'));
    return [...message.identities, DELIMITER, Buffer.from(sign(key, parts), 'ascii'), ...parts, ...message.buffers];
}
exports.encode = encode;
/** Builds a new message of `msgType`, replying to `parent` (routing identities copied) when one is given. */
function createMessage(session, msgType, content, parent, metadata = {}) {
    return {
        identities: parent ? parent.identities : [],
        header: {
            msg_id: (0, crypto_1.randomUUID)(),
            msg_type: msgType,
            session,
            username: 'kernel',
            date: new Date().toISOString(),
            version: exports.PROTOCOL_VERSION,
        },
        parent_header: parent ? parent.header : {},
        metadata,
        content,
        buffers: [],
    };
}
exports.createMessage = createMessage;
