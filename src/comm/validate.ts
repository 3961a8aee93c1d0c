/** Checks of incoming comm content: every field the front end sends is untrusted. */
import { CommInputError } from './errors';
import type { JsonObject } from './types';

/** The longest comm id or target name accepted (ids are UUIDs, target names short dotted words). */
const MAX_NAME_LENGTH = 256;

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string field of `content`, or a CommInputError naming it. */
export function nameField(content: JsonObject, field: 'comm_id' | 'target_name', msgType: string): string {
  const value = content[field];
  if (typeof value !== 'string' || value === '' || value.length > MAX_NAME_LENGTH) {
    throw new CommInputError(
      `${msgType}: ${field} must be a non-empty string of at most ${MAX_NAME_LENGTH} characters; got ${describe(value)}`,
    );
  }
  return value;
}

/** `content.data`: a JSON object (missing means `{}`), or a CommInputError. */
export function dataField(content: JsonObject, msgType: string): JsonObject {
  const data = content.data ?? {};
  if (!isJsonObject(data)) throw new CommInputError(`${msgType}: data must be a JSON object; got ${describe(data)}`);
  return data;
}

/** Message metadata: a JSON object, anything else read as `{}`. */
export function metadataField(metadata: unknown): JsonObject {
  return isJsonObject(metadata) ? metadata : {};
}

/** A short description of a bad value for error messages (type and a clipped JSON excerpt). */
export function describe(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return `${type} ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}
