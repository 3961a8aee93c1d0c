/**
 * The Jupyter wire format: ZeroMQ frames ↔ messages, signed with HMAC-SHA256.
 *
 * Pure functions over buffers, so framing and signature checks are testable without sockets.
 * See the "wire protocol" section of the Jupyter messaging specification.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'crypto';

/** The protocol version this kernel speaks. */
export const PROTOCOL_VERSION = '5.4';

const DELIMITER = Buffer.from('<IDS|MSG>');

/** A message header. */
export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
  [key: string]: unknown;
}

/** One Jupyter message with its ZeroMQ routing identities. */
export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Buffer[];
}

/** Thrown for frames that are not a well-formed, correctly signed message. */
export class WireError extends Error {
  override name = 'WireError';
}

/** Signs the four JSON parts with the connection key (an empty key means no signing, as the spec allows). */
export function sign(key: string, parts: Buffer[]): string {
  if (key === '') return '';
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** Parses and verifies received frames; throws WireError on a missing delimiter, a bad signature or bad JSON. */
export function decode(key: string, frames: Buffer[]): Message {
  const delimiterAt = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (delimiterAt < 0) throw new WireError(`message has no <IDS|MSG> delimiter among its ${frames.length} frames`);
  if (frames.length < delimiterAt + 6) {
    throw new WireError(`message has ${frames.length - delimiterAt - 1} frames after the delimiter; it needs a signature and 4 JSON parts`);
  }
  const signature = frames[delimiterAt + 1].toString('ascii');
  const parts = frames.slice(delimiterAt + 2, delimiterAt + 6);
  const expected = Buffer.from(sign(key, parts), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WireError(`message signature ${JSON.stringify(signature.slice(0, 16))}… does not match the connection key`);
  }
  let message: Message;
  try {
    message = {
      identities: frames.slice(0, delimiterAt),
      header: JSON.parse(parts[0].toString('utf8')),
      parent_header: JSON.parse(parts[1].toString('utf8')),
      metadata: JSON.parse(parts[2].toString('utf8')),
      content: JSON.parse(parts[3].toString('utf8')),
      buffers: frames.slice(delimiterAt + 6),
    };
  } catch (e) {
    throw new WireError(`message JSON parts do not parse: ${(e as Error).message}`);
  }
  const { header, content } = message;
  if (typeof header !== 'object' || header === null || typeof header.msg_type !== 'string' || typeof header.msg_id !== 'string') {
    throw new WireError('message header needs string msg_id and msg_type');
  }
  if (typeof content !== 'object' || content === null) throw new WireError('message content must be a JSON object');
  return message;
}

/** Serializes and signs a message into frames ready for a socket. */
export function encode(key: string, message: Message): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part), 'utf8'),
  );
  return [...message.identities, DELIMITER, Buffer.from(sign(key, parts), 'ascii'), ...parts, ...message.buffers];
}

/** Builds a new message of `msgType`, replying to `parent` (routing identities copied) when one is given. */
export function createMessage(
  session: string,
  msgType: string,
  content: Record<string, unknown>,
  parent?: Message,
  metadata: Record<string, unknown> = {},
): Message {
  return {
    identities: parent ? parent.identities : [],
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: 'kernel',
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: parent ? parent.header : {},
    metadata,
    content,
    buffers: [],
  };
}
